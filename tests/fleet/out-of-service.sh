#!/bin/sh
# Heartbeat and out of service: the portal takes a kiosk out of service during a resident's
# session (the kiosk waits for the session to end), then back.
#   out-of-service.sh   (KIOSK_BUILD=<build>)
set -eu
. "$(dirname "$0")/lib.sh"

admin /admin/configs/1 \
	'{"settings":{"kiosk.out_of_service_message":"Pay at the cashier'"'"'s window on the first floor."}}' \
	>/dev/null || fail "cannot publish a configuration"
admin /admin/kiosks/FLEET-01 '{"config_version":1}' >/dev/null || fail "cannot assign it"
start_kiosk --script "$(dirname "$0")/out-of-service.journey" --shots "$work/shots"

# The heartbeat reports what IT needs to see.
wait_report FLEET-01 '"version":1,' 10
report=$(admin /admin/kiosks/FLEET-01)
for field in '"kiosk_id":"FLEET-01"' '"uptime_s":' '"slot":' '"printer":"ok"' '"reader":"ready"' \
	'"outbox_depth":' '"last_error":' '"session_active":'; do
	echo "$report" | grep -qF "$field" || fail "no $field in the heartbeat: $report"
done

wait_report FLEET-01 '"session_active":true' 10
admin /admin/kiosks/FLEET-01 '{"out_of_service":true,"reason":"cash drawer maintenance"}' \
	>/dev/null || fail "cannot set out of service"
wait_report FLEET-01 '"screen":"out-of-service"' 15
admin /admin/kiosks/FLEET-01 '{"out_of_service":false}' >/dev/null || fail "cannot set it back"

wait_kiosk "the journey"
grep -q "out of service on (cash drawer maintenance)" "$work/kiosk.log" ||
	fail "the kiosk did not log the reason"

# Recent log lines on request (from memory; card numbers are masked like on stderr).
start_kiosk
wait_report FLEET-01 '"uptime_s":' 10
admin /admin/kiosks/FLEET-01 '{"upload_logs":20}' >/dev/null
for _ in $(seq 1 50); do
	admin /admin/kiosks/FLEET-01 | grep -q '"logs":"' && break
	sleep 0.1
done
logs=$(admin /admin/kiosks/FLEET-01)
echo "$logs" | grep -q 'heartbeat' || fail "no log lines uploaded: $logs"
echo "PASS: heartbeat, out of service between sessions, log upload"
