#!/bin/sh
# The update agent end to end on a temporary root, without root: one case per CTest entry.
#   update-tests.sh CASE   (BIN=<build>/bin)
. "$(dirname "$0")/lib.sh"

case_good() {
	setup_running
	make_bundle 2.0.0
	upd install "$WORK/2.0.0.kbundle" || fail "good bundle refused"
	[ "$(status_field active)" = a ] || fail "not switched to slot a"
	[ "$(slot_state a)" = trying ] || fail "slot a not on trial"
	[ "$("$ROOT/current/bin/kiosk")" = "kiosk 2.0.0" ] || fail "2.0.0 does not run"
	upd boot
	# The kiosk reports healthy; confirm picks the mark up.
	touch "$ROOT/state/healthy"
	upd confirm --timeout 5 || fail "confirm with a health mark failed"
	[ "$(slot_state a)" = good ] || fail "slot a not good after confirm"
	[ "$(status_field trying)" = null ] || fail "still on trial"
	upd boot
	[ "$(status_field active)" = a ] || fail "a normal boot moved the slot"
}

case_bad_signature() {
	setup_running
	"$BIN/kiosk-sign" keygen "$WORK/rogue.key" "$WORK/rogue.pub" >/dev/null
	mkdir -p "$WORK/evil"
	echo "evil" >"$WORK/evil/kiosk"
	"$BIN/kiosk-sign" bundle --key "$WORK/rogue.key" --version 6.6.6 \
		--out "$WORK/rogue.kbundle" "$WORK/evil" >/dev/null
	expect_refused "$WORK/rogue.kbundle" "signature does not verify"
	[ ! -e "$ROOT/slot-a/kiosk" ] || fail "a file of the rogue bundle reached a slot"
}

# Unpacks a good bundle into $WORK/x to be damaged, and repacks it in bundle order.
unpack() {
	make_bundle 2.0.0
	rm -rf "$WORK/x"
	mkdir "$WORK/x"
	tar -C "$WORK/x" -xf "$WORK/2.0.0.kbundle"
}

repack() {
	out=$1
	shift
	tar -C "$WORK/x" --format=pax -cf "$out" manifest.json manifest.sig "$@"
}

case_tampered() {
	setup_running
	unpack
	printf '#!/bin/sh\necho "kiosk 2.0.0 (with a skimmer)"\n#' >"$WORK/x/payload/bin/kiosk.new"
	# Same length as the original, different bytes: only the hash can tell.
	head -c "$(stat -c %s "$WORK/x/payload/bin/kiosk")" "$WORK/x/payload/bin/kiosk.new" \
		>"$WORK/x/payload/bin/kiosk"
	rm "$WORK/x/payload/bin/kiosk.new"
	repack "$WORK/tampered.kbundle" payload/bin/kiosk payload/share/kiosk/VERSION \
		payload/share/kiosk/assets.bin
	expect_refused "$WORK/tampered.kbundle" "does not match its SHA-256"

	# Tampered manifest: a signature over other bytes.
	unpack
	sed -i 's/2.0.0/9.9.9/' "$WORK/x/manifest.json"
	repack "$WORK/manifest.kbundle" payload/bin/kiosk payload/share/kiosk/VERSION \
		payload/share/kiosk/assets.bin
	expect_refused "$WORK/manifest.kbundle" "signature does not verify"
}

case_layout() {
	setup_running
	unpack
	# A file the manifest does not list.
	echo extra >"$WORK/x/payload/extra"
	repack "$WORK/extra.kbundle" payload/bin/kiosk payload/share/kiosk/VERSION \
		payload/share/kiosk/assets.bin payload/extra
	expect_refused "$WORK/extra.kbundle" "not in the signed manifest"
	# A file the manifest lists, missing.
	repack "$WORK/missing.kbundle" payload/bin/kiosk payload/share/kiosk/VERSION
	expect_refused "$WORK/missing.kbundle" "missing from the bundle"
	# A symlink where a file should be.
	rm "$WORK/x/payload/share/kiosk/VERSION"
	ln -s /etc/passwd "$WORK/x/payload/share/kiosk/VERSION"
	repack "$WORK/symlink.kbundle" payload/bin/kiosk payload/share/kiosk/VERSION \
		payload/share/kiosk/assets.bin
	expect_refused "$WORK/symlink.kbundle" "link or special file"
	# Path traversal out of the slot.
	unpack
	echo owned >"$WORK/x/escape"
	tar -C "$WORK/x" --format=pax --transform 's,^escape$,payload/../escape,' \
		-cf "$WORK/traversal.kbundle" manifest.json manifest.sig escape
	tar -tf "$WORK/traversal.kbundle" 2>/dev/null | grep -q '\.\./escape' || fail "tar dropped the ../"
	expect_refused "$WORK/traversal.kbundle" "unsafe path"
	[ ! -e "$ROOT/escape" ] && [ ! -e "$ROOT/slot-a/escape" ] || fail "traversal wrote a file"
	# Oversize: more bytes than the manifest says (the tar header says so too).
	unpack
	echo "and more" >>"$WORK/x/payload/share/kiosk/VERSION"
	repack "$WORK/oversize.kbundle" payload/bin/kiosk payload/share/kiosk/VERSION \
		payload/share/kiosk/assets.bin
	expect_refused "$WORK/oversize.kbundle" "the manifest says"
	# Not a tar at all.
	head -c 5000 /dev/urandom >"$WORK/noise.kbundle"
	expect_refused "$WORK/noise.kbundle" "cannot open the bundle"
}

case_truncated() {
	setup_running
	make_bundle 2.0.0
	size=$(stat -c %s "$WORK/2.0.0.kbundle")
	head -c $((size / 2)) "$WORK/2.0.0.kbundle" >"$WORK/half.kbundle"
	expect_refused "$WORK/half.kbundle" "truncated"
	# The whole file afterwards installs.
	upd install "$WORK/2.0.0.kbundle" >/dev/null 2>&1 || fail "good bundle refused after a truncated one"
	[ "$("$ROOT/current/bin/kiosk")" = "kiosk 2.0.0" ] || fail "2.0.0 does not run"
}

case_killed() {
	setup_running
	make_bundle 2.0.0
	before=$(active_sum)
	set +e
	KIOSK_UPDATE_TEST_KILL_AFTER_FILES=1 "$BIN/kiosk-update" --root "$ROOT" --pubkey "$PUB" \
		install "$WORK/2.0.0.kbundle" 2>/dev/null
	status=$?
	set -e
	[ "$status" -eq 137 ] || fail "the agent was not killed (exit $status)"
	[ "$(active_sum)" = "$before" ] || fail "the running slot changed after a kill"
	[ "$(status_field active)" = b ] || fail "the active slot moved after a kill"
	[ "$("$ROOT/current/bin/kiosk")" = "kiosk 1.0.0" ] || fail "1.0.0 no longer runs"
	upd boot >/dev/null 2>&1
	[ "$(status_field active)" = b ] || fail "a boot after the kill moved the slot"
	upd install "$WORK/2.0.0.kbundle" || fail "install after a kill failed"
	[ "$("$ROOT/current/bin/kiosk")" = "kiosk 2.0.0" ] || fail "2.0.0 does not run"
	[ ! -e "$ROOT/slot-a.new" ] || fail "the staging directory was left behind"
}

case_rollback() {
	setup_running
	make_bundle 2.0.0
	upd install "$WORK/2.0.0.kbundle" >/dev/null 2>&1
	for n in 1 2 3; do
		upd boot | grep -q "start $n of 3" || fail "start $n not counted"
		[ "$(status_field active)" = a ] || fail "rolled back too early (start $n)"
	done
	# Three starts, never healthy: the fourth start goes back to 1.0.0.
	upd confirm --timeout 1 2>/dev/null && fail "confirm without a health mark succeeded"
	upd boot | grep -q "rolled back to slot b" || fail "no rollback after 3 starts"
	[ "$(status_field active)" = b ] || fail "slot b not active after rollback"
	[ "$(slot_state a)" = bad ] || fail "slot a not marked bad"
	[ "$("$ROOT/current/bin/kiosk")" = "kiosk 1.0.0" ] || fail "1.0.0 does not run"
	# The bad slot is not switched to again, and the next update may reuse it.
	upd switch 2>/dev/null && fail "switched to a bad slot"
	make_bundle 2.0.1
	upd install "$WORK/2.0.1.kbundle" >/dev/null 2>&1 || fail "install after a rollback failed"
	[ "$("$ROOT/current/bin/kiosk")" = "kiosk 2.0.1" ] || fail "2.0.1 does not run"
}

case_session() {
	setup_running
	make_bundle 2.0.0
	touch "$ROOT/state/session-active"
	upd install "$WORK/2.0.0.kbundle" | grep -q "session" || fail "no word of the session"
	[ "$(status_field active)" = b ] || fail "switched during a session"
	[ "$(slot_state a)" = installed ] || fail "slot a not installed"
	set +e
	upd switch 2>/dev/null
	status=$?
	set -e
	[ "$status" -eq 75 ] || fail "switch during a session did not say 'later' (exit $status)"
	rm "$ROOT/state/session-active"
	upd switch || fail "switch when idle failed"
	[ "$(status_field active)" = a ] || fail "not switched when idle"
	# Manual rollback from the trial.
	upd rollback || fail "rollback failed"
	[ "$(status_field active)" = b ] || fail "rollback did not go back"
}

case_stale_mark() {
	setup_running
	make_bundle 2.0.0
	upd install "$WORK/2.0.0.kbundle" >/dev/null 2>&1
	# The old version writes its mark late, after the switch: it must not confirm 2.0.0.
	touch "$ROOT/state/healthy"
	upd boot | grep -q "start 1 of 3" || fail "the first trial start was not counted"
	[ "$(slot_state a)" = trying ] || fail "a mark from the old version confirmed the new one"
	[ ! -e "$ROOT/state/healthy" ] || fail "boot kept a stale mark"
	# A mark from a trial start that confirm missed counts at the next boot.
	touch "$ROOT/state/healthy"
	upd boot >/dev/null
	[ "$(slot_state a)" = good ] || fail "a mark from the trial start was ignored"
}

case_marks_dir() {
	setup_running
	make_bundle 2.0.0
	mkdir -p "$WORK/run"
	touch "$WORK/run/session-active"
	upd --marks "$WORK/run" install "$WORK/2.0.0.kbundle" >/dev/null
	[ "$(status_field active)" = b ] || fail "switched during a session (--marks)"
	rm "$WORK/run/session-active"
	upd --marks "$WORK/run" switch || fail "switch failed"
	touch "$WORK/run/healthy"
	upd --marks "$WORK/run" confirm --timeout 2 || fail "the mark in --marks was not seen"
	[ "$(slot_state a)" = good ] || fail "slot a not good"
}

case_wrong_key_file() {
	setup_running
	make_bundle 2.0.0
	echo "not a key" >"$WORK/bad.pub"
	before=$(active_sum)
	"$BIN/kiosk-update" --root "$ROOT" --pubkey "$WORK/bad.pub" install "$WORK/2.0.0.kbundle" \
		2>"$WORK/out" && fail "installed without a usable key"
	grep -q "public key" "$WORK/out" || fail "message does not name the key"
	[ "$(active_sum)" = "$before" ] || fail "the running slot changed"
}

# Issue 15: anti-rollback. An older signed bundle is refused unless its signed manifest allows
# the downgrade; then it installs.
case_downgrade() {
	setup_running
	make_bundle 0.9.0
	expect_refused "$WORK/0.9.0.kbundle" "older than the running 1.0.0"
	dir="$WORK/tree-0.9.0"
	"$BIN/kiosk-sign" bundle --key "$KEY" --version 0.9.0 --allow-downgrade \
		--out "$WORK/back.kbundle" "$dir" >/dev/null
	upd install "$WORK/back.kbundle" >/dev/null 2>&1 || fail "an allowed downgrade was refused"
	[ "$("$ROOT/current/bin/kiosk")" = "kiosk 0.9.0" ] || fail "0.9.0 does not run"
	# The same version again is not a downgrade.
	upd mark-good >/dev/null
	upd install "$WORK/0.9.0.kbundle" >/dev/null 2>&1 || fail "the same version was refused"
}

"case_$1"
echo "PASS: $1"
