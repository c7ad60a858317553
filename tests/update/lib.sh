# Shared by the update tests: a temporary root, a signing key, bundles, checks that fail loudly.
# Needs BIN (the build's bin/ directory) in the environment.
set -eu

: "${BIN:?BIN must name the build's bin directory}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-update-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/root"
KEY="$WORK/sign.key"
PUB="$WORK/sign.pub"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

upd() {
	"$BIN/kiosk-update" --root "$ROOT" --pubkey "$PUB" "$@"
}

# A JSON field of `status`, read without a JSON tool: "key": "value" or "key": number.
status_field() {
	upd status | tr -d ' \n' | sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"
}

slot_state() {
	upd status | tr -d ' \n' | sed -n "s/.*\"$1\":{\"state\":\"\([a-z]*\)\".*/\1/p"
}

# A tree with a program that says its version, signed into $WORK/NAME.kbundle.
make_bundle() {
	version=$1
	dir="$WORK/tree-$version"
	mkdir -p "$dir/bin" "$dir/share/kiosk"
	printf '#!/bin/sh\necho "kiosk %s"\n' "$version" >"$dir/bin/kiosk"
	chmod 755 "$dir/bin/kiosk"
	head -c 200000 /dev/urandom >"$dir/share/kiosk/assets.bin"
	echo "version $version" >"$dir/share/kiosk/VERSION"
	"$BIN/kiosk-sign" bundle --key "$KEY" --version "$version" --out "$WORK/$version.kbundle" \
		"$dir" >/dev/null
}

# A checksum of everything the running slot holds, and of where `current` points.
active_sum() {
	{
		readlink "$ROOT/current"
		(cd "$ROOT/current/" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
	} | sha256sum | cut -d' ' -f1
}

# Installs, starts and confirms version 1.0.0 so the running slot has real contents.
setup_running() {
	"$BIN/kiosk-sign" keygen "$KEY" "$PUB" >/dev/null
	make_bundle 1.0.0
	upd install "$WORK/1.0.0.kbundle" >/dev/null 2>&1 || fail "first install"
	upd boot >/dev/null 2>&1
	upd mark-good >/dev/null 2>&1
	[ "$(status_field active)" = b ] || fail "1.0.0 not active after setup"
	[ "$("$ROOT/current/bin/kiosk")" = "kiosk 1.0.0" ] || fail "1.0.0 does not run"
}

# Runs an install that must be refused with $2 in its message, the running slot untouched.
expect_refused() {
	bundle=$1
	why=$2
	before=$(active_sum)
	state_before=$(upd status | grep -v '"session_active\|"health_marked')
	if upd install "$bundle" >"$WORK/out" 2>&1; then
		cat "$WORK/out" >&2
		fail "$bundle was installed"
	fi
	grep -q "$why" "$WORK/out" || { cat "$WORK/out" >&2; fail "message does not say '$why'"; }
	[ "$(active_sum)" = "$before" ] || fail "the running slot changed"
	state_after=$(upd status | grep -v '"session_active\|"health_marked')
	[ "$state_after" = "$state_before" ] || fail "the update state changed"
	echo "refused as expected: $(tail -1 "$WORK/out")"
}
