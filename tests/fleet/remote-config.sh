#!/bin/sh
# Remote configuration: a version with a bad value is refused and the one in force kept; a
# good one is applied, kept in the data directory, used at the next start (the idle timeout
# changes behaviour), and the command line still has the last word.
#   remote-config.sh   (KIOSK_BUILD=<build>)
set -eu
. "$(dirname "$0")/lib.sh"

show() {
	"$bin/kiosk" --show-config --data-dir "$work/data" "$@"
}

admin /admin/configs/2 '{"settings":{"ui.idle_timeout_s":3,"payments.max_payment_cents":50000}}' \
	>/dev/null || fail "cannot publish 2"
admin /admin/configs/3 '{"settings":{"ui.idle_timeout_s":99999}}' >/dev/null ||
	fail "cannot publish 3"
admin /admin/kiosks/FLEET-01 '{"config_version":2}' >/dev/null
start_kiosk
wait_report FLEET-01 '"config":{"version":2,' 10

# A bad version: refused with the reason, the one in force kept.
admin /admin/kiosks/FLEET-01 '{"config_version":3}' >/dev/null
wait_report FLEET-01 '"rejected_version":3' 10
report=$(admin /admin/kiosks/FLEET-01)
echo "$report" | grep -q '"config":{"version":2,' || fail "the good version was dropped: $report"
echo "$report" | grep -q 'ui.idle_timeout_s' || fail "the refusal names no key: $report"
kill "$kiosk"
wait "$kiosk" || true
kiosk=""

[ "$(stat -c %a "$work/data/remote-config.json")" = 640 ] || fail "kept file mode"
show >"$work/show" || fail "--show-config failed"
grep -q "^idle_timeout_s = 3$" "$work/show" || fail "idle timeout not kept: $(cat "$work/show")"
grep -q "^max_payment_cents = 50000$" "$work/show" || fail "maximum payment not kept"
grep -q "^# remote configuration version 2$" "$work/show" || fail "version not kept"
# Precedence: the command line over the remote configuration.
show --idle-timeout 45 | grep -q "^idle_timeout_s = 45$" || fail "the command line lost"

# Behaviour at the next start: the remote idle timeout (3 s) and not the local 60 s.
"$bin/kiosk" --headless --portal "$url" --ca "$pki/ca.pem" --seal-key "$pki/seal.pem" \
	--data-dir "$work/data" --receipts "$work/receipts" --kiosk-id FLEET-01 --heartbeat-s 0 \
	--script "$(dirname "$0")/idle-3s.journey" --shots "$work/shots" >>"$work/kiosk.log" 2>&1 ||
	fail "the remote idle timeout did not hold"

# A kept file that no longer passes the checks is not used: local settings rule.
echo '{"settings":{"ui.idle_timeout_s":1},"version":9}' >"$work/data/remote-config.json"
show >"$work/show" 2>"$work/show.err" || fail "--show-config failed"
grep -q "^idle_timeout_s = 60$" "$work/show" || fail "a bad kept file was used"
grep -q "^# remote configuration version 0$" "$work/show" || fail "a bad kept version was used"
echo "PASS: remote configuration refused, applied, kept, and overridden by the command line"
