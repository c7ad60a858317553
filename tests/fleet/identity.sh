#!/bin/sh
# Device identity in the kiosk: the certificate in [fleet] identity_dir is used for mutual TLS
# on its own; an expired one puts the kiosk out of service before it ever reaches the portal;
# one the portal revoked does so at the next heartbeat.
#   identity.sh   (KIOSK_BUILD=<build>)
set -eu
SIM_ARGS="--client-ca ${KIOSK_BUILD:?}/pki/ca.pem --enroll-ca-cert $KIOSK_BUILD/pki/ca.pem
	--enroll-ca-key $KIOSK_BUILD/pki/ca.key --enroll-tokens one-time-1"
. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")

# --- Expired: a certificate from the city's CA whose dates are long past.
mkdir -p "$work/expired" "$work/ca"
chmod 700 "$work/expired"
: >"$work/ca/index.txt"
cat >"$work/ca/ca.cnf" <<CNF
[ca]
default_ca = city
[city]
database = $work/ca/index.txt
new_certs_dir = $work/ca
serial = $work/ca/serial
default_md = sha256
policy = anything
[anything]
commonName = supplied
CNF
echo 01 >"$work/ca/serial"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/expired/device.key" \
	2>/dev/null || fail "cannot make a key"
chmod 600 "$work/expired/device.key"
openssl req -new -key "$work/expired/device.key" -subj /CN=FLEET-01 -out "$work/expired.csr" ||
	fail "cannot make a request"
openssl ca -batch -notext -config "$work/ca/ca.cnf" -cert "$pki/ca.pem" -keyfile "$pki/ca.key" \
	-in "$work/expired.csr" -out "$work/expired/device.pem" \
	-startdate 20200101000000Z -enddate 20200201000000Z >/dev/null 2>&1 ||
	fail "cannot issue the expired certificate"
printf '[fleet]\nidentity_dir = %s\n' "$work/expired" >"$work/expired.conf"

start_kiosk --config "$work/expired.conf" --script "$here/identity-expired.journey" \
	--shots "$work/shots-expired"
status=0
wait "$kiosk" || status=$?
kiosk=""
[ "$status" = 0 ] || fail "the expired journey failed (status $status)"
grep -q "device certificate .*expired on 2020-02-01" "$work/kiosk.log" ||
	fail "the kiosk did not log the expiry with its date"
# Never presented: the portal saw no call with it (nor any API call it would have taken).
if grep -q "kiosk/v1/heartbeat -> 200" "$work/sim.log"; then
	fail "the kiosk reached the portal with an expired certificate"
fi

# --- Revoked: enrolled for real, working over mutual TLS, then revoked by IT.
"$bin/kiosk-enroll" --dir "$work/id" --id FLEET-01 --portal "$url" --ca "$pki/ca.pem" \
	--token one-time-1 >/dev/null || fail "enrollment failed"
printf '[fleet]\nidentity_dir = %s\n' "$work/id" >"$work/id.conf"
: >"$work/kiosk.log"
start_kiosk --config "$work/id.conf" --script "$here/identity-revoked.journey" \
	--shots "$work/shots-revoked"
# The portal requires the kiosk's certificate: a heartbeat that arrives proves it is used.
wait_report FLEET-01 '"uptime_s":' 10
admin /admin/revoke/FLEET-01 '{}' >/dev/null || fail "cannot revoke"
status=0
wait "$kiosk" || status=$?
kiosk=""
[ "$status" = 0 ] || fail "the revoked journey failed (status $status)"
grep -q "certificate is revoked" "$work/kiosk.log" || fail "the kiosk did not log the revocation"
grep -q "certificate_revoked" "$work/kiosk.log" || fail "the portal's refusal is not in the log"
echo "PASS: device certificate for mutual TLS; expired and revoked ones put the kiosk out of service"
