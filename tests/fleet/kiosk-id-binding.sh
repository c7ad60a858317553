#!/bin/sh
# portal-sim with mutual TLS binds the kiosk id to the client certificate: a kiosk that
# claims another kiosk's id in its heartbeat (or its log upload) is refused and never sees
# that kiosk's orders; its own id, or none, is taken from its certificate.
#   kiosk-id-binding.sh   (KIOSK_BUILD=<build>)
set -eu
SIM_ARGS="--client-ca ${KIOSK_BUILD:?}/pki/ca.pem --enroll-ca-cert $KIOSK_BUILD/pki/ca.pem
	--enroll-ca-key $KIOSK_BUILD/pki/ca.key --enroll-tokens token-a,token-b"
. "$(dirname "$0")/lib.sh"

for k in a b; do
	"$bin/kiosk-enroll" --dir "$work/id-$k" --id "LOBBY-$k" --portal "$url" \
		--ca "$pki/ca.pem" --token "token-$k" >/dev/null || fail "enrollment of LOBBY-$k failed"
done
# IT gives LOBBY-b an order only it may read.
admin /admin/kiosks/LOBBY-b '{"out_of_service":true,"reason":"cash drawer B7 key"}' >/dev/null ||
	fail "cannot give LOBBY-b its order"

# as KIOSK PATH JSON [HEADER]: a call with KIOSK's certificate; prints "STATUS BODY".
as() {
	curl -s --cacert "$pki/ca.pem" --cert "$work/id-$1/device.pem" --key "$work/id-$1/device.key" \
		-H "Content-Type: application/json" ${4:+-H "$4"} -d "$3" \
		-w ' %{http_code}' "$url$2" 2>>"$work/curl.log"
}

out=$(as a /api/kiosk/v1/heartbeat '{"kiosk_id":"LOBBY-b","uptime_s":1}')
echo "LOBBY-a claiming LOBBY-b: $out"
case "$out" in *" 403") ;; *) fail "a heartbeat for another kiosk was not refused: $out" ;; esac
case "$out" in *"B7"*) fail "LOBBY-a read LOBBY-b's orders" ;; esac
echo "$out" | grep -q kiosk_id_mismatch || fail "the refusal does not say why: $out"
admin /admin/kiosks/LOBBY-b | grep -q '"uptime_s"' && fail "LOBBY-a wrote LOBBY-b's report"

out=$(as a /api/kiosk/v1/heartbeat '{"uptime_s":2}' "X-Kiosk-Id: LOBBY-b")
case "$out" in *" 403") ;; *) fail "a header id for another kiosk was not refused: $out" ;; esac

out=$(as a /api/kiosk/v1/logs '{"lines":"x"}' "X-Kiosk-Id: LOBBY-b")
case "$out" in *" 403") ;; *) fail "logs for another kiosk were not refused: $out" ;; esac

out=$(as b /api/kiosk/v1/heartbeat '{"kiosk_id":"LOBBY-b","uptime_s":3}')
case "$out" in *" 200") ;; *) fail "LOBBY-b's own heartbeat was refused: $out" ;; esac
echo "$out" | grep -q "B7" || fail "LOBBY-b did not get its own orders: $out"

# No id in the body: the certificate's is used.
as a /api/kiosk/v1/heartbeat '{"uptime_s":4}' >/dev/null
admin /admin/kiosks/LOBBY-a | grep -q '"uptime_s":4' || fail "the certificate's id was not used"
echo "PASS: the heartbeat's kiosk id is bound to the client certificate"
