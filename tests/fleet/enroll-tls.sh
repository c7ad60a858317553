#!/bin/sh
# The TLS floor of the clients besides the portal's: against a server that speaks only TLS
# 1.1 (openssl s_server), kiosk-enroll and the update agent must not even offer TLS 1.1 (the
# server logs "unsupported protocol" for each), and enrollment over http:// is refused
# outright. The enrollment token is not spent either way.
#   enroll-tls.sh   (KIOSK_BUILD=<build>)
set -eu
build="${KIOSK_BUILD:?}"
bin="$build/bin"
pki="$build/pki"
work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-enroll-tls.XXXXXX")
srv=""
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*" >&2
	cat "$work/server.log" "$work/enroll.log" >&2 2>/dev/null || true
	exit 1
}

openssl s_server -accept 127.0.0.1:0 -cert "$pki/server.pem" -key "$pki/server.key" \
	-tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' -www >"$work/server.log" 2>&1 &
srv=$!
port=""
for _ in $(seq 1 100); do
	port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$work/server.log")
	[ -n "$port" ] && break
	sleep 0.05
done
[ -n "$port" ] || fail "openssl s_server did not start"
# The server logs each refused hello a moment after the client has given up: wait for the count
# of refusals to pass $1 (up to 10 s on a busy machine) rather than a fixed pause.
refused_more_than() {
	for _ in $(seq 1 200); do
		[ "$(grep -c "unsupported protocol" "$work/server.log")" -gt "$1" ] && return 0
		sleep 0.05
	done
	return 1
}

echo tls11-token >"$work/token"
if "$bin/kiosk-enroll" --dir "$work/id" --id TLS-01 --portal "https://127.0.0.1:$port" \
	--ca "$pki/ca.pem" --token-file "$work/token" >"$work/enroll.log" 2>&1; then
	fail "kiosk-enroll enrolled over TLS 1.1"
fi
refused_more_than 0 ||
	fail "kiosk-enroll offered TLS 1.1 (no TLS 1.2 floor): the server did not refuse its hello"
[ -f "$work/token" ] || fail "the token was spent on a refused connection"

if "$bin/kiosk-enroll" --dir "$work/id2" --id TLS-01 --portal "http://127.0.0.1:$port" \
	--ca "$pki/ca.pem" --token-file "$work/token" >"$work/enroll.log" 2>&1; then
	fail "kiosk-enroll enrolled over plain http"
fi
# The update agent's hawkBit client: the same floor.
n=$(grep -c "unsupported protocol" "$work/server.log")
echo update-token >"$work/ddi-token"
if "$bin/kiosk-update" --root "$work/upd" poll --ddi "https://127.0.0.1:$port" --tenant T \
	--controller C --token-file "$work/ddi-token" --ca "$pki/ca.pem" --once \
	>"$work/update.log" 2>&1; then
	fail "kiosk-update polled over TLS 1.1"
fi
refused_more_than "$n" ||
	fail "kiosk-update offered TLS 1.1 (no TLS 1.2 floor): the server did not refuse its hello"
echo "PASS: enrollment and the update agent require TLS 1.2 or newer; enrollment https only"
