#!/bin/bash
# The cash box through kioskctl against a running headless kiosk with the simulated validator
# (tests/service/cash-then-wait.journey): the count by denomination after a cash payment; the
# box taken out outside service mode is an alarm (audited on the kiosk and at the portal, in
# kioskctl status, in the heartbeat) until `kioskctl cash clear`; `kioskctl cash empty` records
# the emptying with who and when and starts from zero; the day report keeps the day's cash.
set -euo pipefail

. "$(dirname "$0")/lib.sh"

start_journey "$here/tests/service/cash-then-wait.journey"
wait_for_kiosk 600

# cash --json until the alarm is there (the journey pays, then takes the box out).
for _ in $(seq 1 600); do
	out="$("$ctl" --socket "$sock" --json cash 2>/dev/null || true)"
	jq -e '.validator.alarm_at > 0 and .validator.box_present' <<<"$out" >/dev/null 2>&1 && break
	kill -0 "$pid" 2>/dev/null || { cat "$work/kiosk.log" >&2; echo "FAIL: the kiosk stopped" >&2; exit 1; }
	sleep 0.1
done

# --- the count by denomination, and the alarm
jq -e '.ok and .cash.notes == 2 and .cash.cents == 2500 and
	.cash.denominations == [{"cents":500,"count":1},{"cents":2000,"count":1}]' <<<"$out" \
	>/dev/null && ok "cash: 2 notes, \$5 and \$20" || fail "cash --json: $out"
jq -e '.validator.state == "cashbox_removed" and .validator.box_present and .validator.serial > 0' \
	<<<"$out" >/dev/null && ok "cash: the alarm holds with the box back in" ||
	fail "validator after the box came out: $out"
out="$("$ctl" --socket "$sock" cash)"
grep -q '^  \$20.00 *x *1 *\$20.00' <<<"$out" && grep -q '^  total *2 *\$25.00' <<<"$out" &&
	grep -q "CASH ALARM since" <<<"$out" && ok "cash (text)" || fail "cash text: $out"
out="$("$ctl" --socket "$sock" status)"
grep -q "^bill validator: cashbox_removed, cash box in" <<<"$out" && ok "status names the alarm" ||
	fail "status text: $out"
grep -q "cash_alarm|cashbox removed outside service mode" \
	<<<"$(sqlite3 "$work/data/audit.sqlite" 'SELECT action, detail FROM audit')" &&
	ok "the alarm is in the audit log" || fail "no cash_alarm audit entry"

# --- the alarm at the portal (outbox) and in the heartbeat
for _ in $(seq 1 150); do
	n="$(sqlite3 "$work/sim/portal-sim.db" "SELECT count(*) FROM audit_events WHERE action = 'cash_alarm' AND source = 'validator'" 2>/dev/null || echo 0)"
	[ "$n" -ge 1 ] && break
	sleep 0.1
done
[ "${n:-0}" = 1 ] && ok "cash_alarm at the portal" || fail "portal has $n cash_alarm events"
for _ in $(seq 1 100); do
	hb="$(sqlite3 "$work/sim/portal-sim.db" "SELECT report FROM fleet_kiosks WHERE kiosk_id = 'JOURNEY-01'" 2>/dev/null || true)"
	grep -q '"bill_validator":"cashbox_removed"' <<<"$hb" && break
	sleep 0.1
done
grep -q '"bill_validator":"cashbox_removed"' <<<"$hb" && ok "the heartbeat reports the alarm" ||
	fail "heartbeat: $hb"

# --- clearing it
"$ctl" --socket "$sock" cash clear >"$work/out" && grep -q "the cash alarm is cleared" "$work/out" ||
	fail "cash clear: $(cat "$work/out")"
for _ in $(seq 1 50); do
	out="$("$ctl" --socket "$sock" --json cash)"
	jq -e '.validator.state == "ok" and .validator.alarm_at == 0' <<<"$out" >/dev/null && break
	sleep 0.1
done
jq -e '.validator.state == "ok"' <<<"$out" >/dev/null && ok "cleared: cash is ok" ||
	fail "after clear: $out"
for _ in $(seq 1 100); do
	hb="$(sqlite3 "$work/sim/portal-sim.db" "SELECT report FROM fleet_kiosks WHERE kiosk_id = 'JOURNEY-01'" 2>/dev/null || true)"
	grep -q '"bill_validator":"ok"' <<<"$hb" && break
	sleep 0.1
done
grep -q '"bill_validator":"ok"' <<<"$hb" && ok "the heartbeat says ok again" || fail "heartbeat: $hb"

# --- emptying it
out="$("$ctl" --socket "$sock" --json cash empty)"
jq -e '.ok and .emptied and .cash.notes == 2 and .cash.cents == 2500' <<<"$out" >/dev/null &&
	ok "cash empty: the count expected" || fail "cash empty: $out"
out="$("$ctl" --socket "$sock" --json cash)"
jq -e '.cash.notes == 0 and .cash.since > 0' <<<"$out" >/dev/null && ok "the count starts from zero" ||
	fail "cash after empty: $out"
row="$(sqlite3 "$work/data/cashbox.sqlite" 'SELECT who, notes, cents, at > 0 FROM emptyings')"
[ "$row" = "kioskctl|2|2500|1" ] && ok "emptying recorded: $row" || fail "emptyings: $row"
grep -q "cashbox_emptied|notes 2 cents 2500: 500 x1 2000 x1" \
	<<<"$(sqlite3 "$work/data/audit.sqlite" 'SELECT action, detail FROM audit')" ||
	fail "no cashbox_emptied audit entry"

# --- the day report still has the day's cash
out="$("$ctl" --socket "$sock" --json report)"
jq -e '.report.cash.notes == 2 and .report.cash.cents == 2500' <<<"$out" >/dev/null &&
	ok "report: the day's cash" || fail "report: $out"
out="$("$ctl" --socket "$sock" report)"
grep -q "cash by denomination:" <<<"$out" || fail "report text: $out"
expect_usage() { "$ctl" --socket "$sock" cash bogus >/dev/null 2>&1 && return 1 || [ $? -eq 2 ]; }
expect_usage && ok "cash bogus: usage error" || fail "cash bogus is not a usage error"

if [ "$fails" -ne 0 ]; then
	echo "cash-box: $fails failure(s); kiosk log:" >&2
	tail -n 60 "$work/kiosk.log" >&2
	exit 1
fi
echo "PASS: cash box through kioskctl"
