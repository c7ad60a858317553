#!/bin/sh
# Device identity: kiosk-enroll against portal-sim acting as CA.
#   enroll.sh   (KIOSK_BUILD=<build>)
set -eu
build="${KIOSK_BUILD:?}"
bin="$build/bin"
pki="$build/pki"
work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-enroll.XXXXXX")
sim=""
trap '[ -n "$sim" ] && kill "$sim" 2>/dev/null; rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*" >&2
	cat "$work/sim.log" >&2 2>/dev/null || true
	exit 1
}

"$bin/portal-sim" --cert "$pki/server.pem" --key "$pki/server.key" --seal-key "$pki/seal.key" \
	--db "$work/portal.db" --port 0 --port-file "$work/port" \
	--enroll-ca-cert "$pki/ca.pem" --enroll-ca-key "$pki/ca.key" \
	--enroll-tokens one-time-1,one-time-2 >"$work/sim.log" 2>&1 &
sim=$!
for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
[ -s "$work/port" ] || fail "portal-sim did not start"
url="https://127.0.0.1:$(cat "$work/port")"

enroll() {
	"$bin/kiosk-enroll" --portal "$url" --ca "$pki/ca.pem" "$@"
}

# A kiosk enrolls with its token (from a file, which is removed once spent).
echo one-time-1 >"$work/token"
enroll --dir "$work/k1" --id LOBBY-01 --token-file "$work/token" || fail "enrollment failed"
[ "$(stat -c %a "$work/k1/device.key")" = 600 ] || fail "the key is not 0600"
[ "$(stat -c %a "$work/k1")" = 700 ] || fail "the identity directory is not 0700"
[ ! -e "$work/token" ] || fail "the spent token was kept"
openssl verify -CAfile "$pki/ca.pem" "$work/k1/device.pem" >/dev/null || fail "the certificate does not verify"
openssl x509 -in "$work/k1/device.pem" -noout -subject | grep -q "CN *= *LOBBY-01" || fail "wrong subject"
# The certificate is for the kiosk's own key.
[ "$(openssl x509 -in "$work/k1/device.pem" -noout -pubkey)" = \
	"$(openssl pkey -in "$work/k1/device.key" -pubout)" ] || fail "certificate and key differ"
key_before=$(sha256sum "$work/k1/device.key")
enroll --dir "$work/k1" --id LOBBY-01 --token unused | grep -q "already enrolled" ||
	fail "a second run did not see the enrollment"
[ "$(sha256sum "$work/k1/device.key")" = "$key_before" ] || fail "the key changed"

# A token works once; an unknown token and an untrusted portal are refused.
enroll --dir "$work/k2" --id LOBBY-02 --token one-time-1 2>"$work/out" && fail "a spent token worked"
grep -q "already used" "$work/out" || fail "no word of the spent token: $(cat "$work/out")"
[ ! -e "$work/k2/device.pem" ] || fail "a certificate without a token"
enroll --dir "$work/k2" --id LOBBY-02 --token guessed 2>"$work/out" && fail "a guessed token worked"
grep -q "not known" "$work/out" || fail "no word of the unknown token"
"$bin/kiosk-enroll" --portal "$url" --ca "$pki/rogue-ca.pem" --dir "$work/k2" --id LOBBY-02 \
	--token one-time-2 2>"$work/out" && fail "enrolled with a portal it cannot trust"
# The token was not spent by the refused attempt: the right CA enrolls.
enroll --dir "$work/k2" --id LOBBY-02 --token one-time-2 || fail "enrollment after a refusal failed"

# Mutual TLS from the kiosk's side: the portal accepts a connection presenting the identity.
curl -sf --cacert "$pki/ca.pem" --cert "$work/k2/device.pem" --key "$work/k2/device.key" \
	"$url/api/kiosk/v1/health" >/dev/null || fail "no TLS with the device certificate"
# Mutual TLS enforced: a portal-sim that requires kiosk certificates from the CA.
"$bin/portal-sim" --cert "$pki/server.pem" --key "$pki/server.key" --seal-key "$pki/seal.key" \
	--db "$work/portal2.db" --port 0 --port-file "$work/port2" --client-ca "$pki/ca.pem" \
	>"$work/sim2.log" 2>&1 &
sim2=$!
trap 'kill "$sim" "$sim2" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 200); do [ -s "$work/port2" ] && break; sleep 0.05; done
[ -s "$work/port2" ] || fail "the mutual-TLS portal-sim did not start"
url2="https://127.0.0.1:$(cat "$work/port2")/api/kiosk/v1/bills/lookup"
lookup='{"customer_number":"100200300","last_name":"Rivera"}'
call() {
	curl -s -o "$work/answer" -w "%{http_code}" --cacert "$pki/ca.pem" \
		-H "Content-Type: application/json" -d "$lookup" "$@" "$url2"
}
[ "$(call)" = 403 ] || fail "a call without a kiosk certificate was answered"
grep -q client_certificate_required "$work/answer" || fail "the refusal does not say why"
[ "$(call --cert "$pki/rogue-server.pem" --key "$pki/rogue-server.key")" = 403 ] ||
	fail "a certificate from another CA was accepted"
code=$(call --cert "$work/k2/device.pem" --key "$work/k2/device.key")
[ "$code" = 200 ] || fail "the enrolled kiosk was refused (HTTP $code: $(cat "$work/answer"))"
grep -q Rivera "$work/answer" || fail "no bill in the answer"
echo "PASS: enrollment and mutual TLS"
