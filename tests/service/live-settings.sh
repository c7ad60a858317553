#!/bin/bash
# kioskctl config set reaches the running kiosk: the keys it accepts take effect (the maximum
# payment, the idle timeout even after speech is turned on and off, the help line, the speech
# volume), the keys it refuses are refused with the reason and change nothing, and get knows
# every key. The kiosk runs tests/service/live-settings.journey under scripts/run-journey.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
c() { "$ctl" --socket "$sock" "$@"; }

start_journey "$here/tests/service/live-settings.journey"
wait_for_kiosk

# Refused: what the running kiosk cannot apply. Nothing changes.
for kv in "kiosk.id KIOSK-88" "portal.url https://elsewhere.example" "portal.timeout_ms 900" \
	"receipt.header Other" "service.pin_hash x"; do
	set -- $kv
	if c config set "$1" "$2" >"$work/out" 2>"$work/err"; then
		fail "config set $1 was accepted: $(cat "$work/out")"
	fi
	grep -q "cannot change while the kiosk runs" "$work/err" || fail "$1: no reason: $(cat "$work/err")"
done
[ "$(c config get kiosk.id)" = "kiosk.id = JOURNEY-01" ] || fail "kiosk.id changed: $(c config get kiosk.id)"
c status --json | jq -e '.kiosk_id == "JOURNEY-01"' >/dev/null || fail "status kiosk_id changed"

# Accepted, and read back: a11y.volume 150 answers ok with its value (it said "unknown setting").
out="$(c config set a11y.volume 150 --json)" || fail "a11y.volume 150 refused"
jq -e '.ok and .value == "150" and .applies == "now"' <<<"$out" >/dev/null || fail "a11y.volume: $out"
[ "$(c config get a11y.volume)" = "a11y.volume = 150" ] || fail "a11y.volume not read back"
# get knows every key, the ones set only in the file included.
for k in kiosk.city_name ui.dpi devices.wedge_readers keypad.enter update.state_dir \
	portal.connect_timeout_ms receipt.footer a11y.large_text; do
	c config get "$k" >/dev/null || fail "config get $k"
done

c config set payments.max_payment_cents 5000 >/dev/null || fail "max_payment_cents refused"
c config set ui.idle_timeout_s 2 >/dev/null || fail "idle_timeout_s refused"
c config set ui.warning_s 1 >/dev/null || fail "warning_s refused"
c config set kiosk.help_text "Settings changed live" >/dev/null || fail "help_text refused"

wait "$pid" && rc=0 || rc=$?
pid=""
[ "$rc" -eq 0 ] || { fail "the journey failed (exit $rc)"; tail -n 30 "$work/kiosk.log" >&2; }
if [ "$fails" -ne 0 ]; then
	echo "live-settings: $fails failure(s)" >&2
	exit 1
fi
echo "live-settings: all passed"
