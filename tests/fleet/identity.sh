#!/bin/sh
# Device identity in the kiosk: the certificate in [fleet] identity_dir is used for mutual TLS
# on its own; an expired one, or one not valid yet, puts the kiosk out of service before it ever
# reaches the portal, saying which;
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
wait_kiosk "the expired journey"
grep -q "device certificate .*expired on 2020-02-01" "$work/kiosk.log" ||
	fail "the kiosk did not log the expiry with its date"
# Never presented: the portal saw no call with it (nor any API call it would have taken).
if grep -q "kiosk/v1/heartbeat -> 200" "$work/sim.log"; then
	fail "the kiosk reached the portal with an expired certificate"
fi

# --- Not valid yet: dates in the future; the kiosk says that, not "expired".
mkdir -p "$work/future"
chmod 700 "$work/future"
echo "unique_subject = no" >"$work/ca/index.txt.attr"
cp "$work/expired/device.key" "$work/future/device.key"
openssl ca -batch -notext -config "$work/ca/ca.cnf" -cert "$pki/ca.pem" -keyfile "$pki/ca.key" \
	-in "$work/expired.csr" -out "$work/future/device.pem" \
	-startdate 20990101000000Z -enddate 21000101000000Z >/dev/null 2>&1 ||
	fail "cannot issue the future certificate"
printf '[fleet]\nidentity_dir = %s\n' "$work/future" >"$work/future.conf"
: >"$work/kiosk.log"
start_kiosk --config "$work/future.conf" --script "$here/identity-not-yet.journey" \
	--shots "$work/shots-future"
wait_kiosk "the not-yet-valid journey"
grep -q "device certificate .*not valid before 2099-01-01" "$work/kiosk.log" ||
	fail "the kiosk did not log the start date"

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
wait_kiosk "the revoked journey"
grep -q "certificate is revoked" "$work/kiosk.log" || fail "the kiosk did not log the revocation"
grep -q "certificate_revoked" "$work/kiosk.log" || fail "the portal's refusal is not in the log"
echo "PASS: device certificate for mutual TLS; expired and revoked ones put the kiosk out of service"
