#!/bin/bash
# kioskctl against a running headless kiosk: every subcommand, --json and text, --help, bad
# arguments, an unreachable socket; the day's totals checked against the journal itself
# (kiosk --list-payments); every staff action in the audit log and, through the outbox, at
# the portal. The kiosk runs tests/service/pay-then-wait.journey under scripts/run-journey.
set -euo pipefail

. "$(dirname "$0")/lib.sh"

# expect STATUS DESCRIPTION -- COMMAND...: runs it, keeps stdout in $out and stderr in $err.
expect() {
	local want=$1 what=$2
	shift 3
	set +e
	"$@" >"$work/out" 2>"$work/err"
	local got=$?
	set -e
	out="$(cat "$work/out")"
	err="$(cat "$work/err")"
	if [ "$got" -ne "$want" ]; then
		fail "$what: exit $got, wanted $want (stdout: $out; stderr: $err)"
		return 1
	fi
	ok "$what"
}

start_journey "$here/tests/service/pay-then-wait.journey"

# The two payments are in the journal, final, before anything is asked.
for _ in $(seq 1 600); do
	if [ -S "$sock" ] && [ "$("$kiosk" --list-payments --data-dir "$work/data" 2>/dev/null |
		grep -c '"state":"\(approved\|declined\|receipt_printed\|confirmed\)"')" -ge 2 ]; then
		break
	fi
	kill -0 "$pid" 2>/dev/null || { cat "$work/kiosk.log" >&2; echo "FAIL: the kiosk stopped" >&2; exit 1; }
	sleep 0.1
done
[ -S "$sock" ] || { cat "$work/kiosk.log" >&2; echo "FAIL: no control socket" >&2; exit 1; }

# --- the socket itself
mode="$(stat -c %a "$sock")"
[ "$mode" = 660 ] && ok "socket mode 0660" || fail "socket mode is $mode, not 660"

# --- help and usage errors (no kiosk needed for these, but it is there)
expect 0 "--help" -- "$ctl" --help
grep -q "out-of-service on|off" <<<"$out" || fail "--help does not list out-of-service"
for c in status devices print-test reprint report out-of-service config logs; do
	expect 0 "$c --help" -- "$ctl" "$c" --help
	grep -q "usage: kioskctl" <<<"$out" || fail "$c --help has no usage line"
done
expect 2 "no command" -- "$ctl"
expect 2 "unknown command" -- "$ctl" --socket "$sock" frobnicate
grep -q "unknown command 'frobnicate'" <<<"$err" || fail "unknown command not named: $err"
expect 2 "unknown option" -- "$ctl" --frob status
expect 2 "status with an argument" -- "$ctl" --socket "$sock" status extra
expect 2 "reprint without REF" -- "$ctl" --socket "$sock" reprint
expect 2 "report --bogus" -- "$ctl" --socket "$sock" report --bogus
expect 2 "out-of-service maybe" -- "$ctl" --socket "$sock" out-of-service maybe
expect 2 "config without get/set" -- "$ctl" --socket "$sock" config ui.lang
expect 2 "config set without a value" -- "$ctl" --socket "$sock" config set ui.idle_timeout_s
expect 2 "logs -n 0" -- "$ctl" --socket "$sock" logs -n 0
expect 2 "logs -n x" -- "$ctl" --socket "$sock" logs -n x
expect 1 "unreachable socket" -- "$ctl" --socket "$work/nobody.sock" status
grep -q "cannot reach the kiosk" <<<"$err" || fail "unreachable: no clear message: $err"

# --- read-only queries
expect 0 "status --json" -- "$ctl" --socket "$sock" status --json
jq -e '.ok and .devices.printer.online and .devices.card_reader.ready and
	(.out_of_service == false) and .version != "" and .kiosk_id == "JOURNEY-01" and
	(.outbox.pending | type == "number") and (.portal | has("rtt_ms"))' <<<"$out" >/dev/null ||
	fail "status --json: $out"
expect 0 "status (text)" -- "$ctl" --socket "$sock" status
grep -q "^printer: *online" <<<"$out" && grep -q "^outbox:" <<<"$out" &&
	grep -q "^service: *in service" <<<"$out" || fail "status text: $out"
KIOSK_CONTROL_SOCKET="$sock" expect 0 "devices via \$KIOSK_CONTROL_SOCKET" -- "$ctl" devices
grep -q "card reader: *ready" <<<"$out" || fail "devices text: $out"
expect 0 "devices --json" -- "$ctl" --socket "$sock" --json devices
jq -e '.ok and .printer.present and (.printer.paper_out == false)' <<<"$out" >/dev/null ||
	fail "devices --json: $out"
expect 0 "logs -n 5" -- "$ctl" --socket "$sock" logs -n 5
[ "$(wc -l <<<"$out")" -eq 5 ] || fail "logs -n 5 printed $(wc -l <<<"$out") lines"
expect 0 "logs --json" -- "$ctl" --socket "$sock" logs --json
jq -e '.ok and (.lines | length) > 5' <<<"$out" >/dev/null || fail "logs --json: $out"
grep -q "4111111111111111" <<<"$out" && fail "a full card number in the logs"

# --- printing
expect 0 "print-test" -- "$ctl" --socket "$sock" print-test
grep -lq "PRINTER TEST PAGE" "$work/shots"/receipt-*.txt 2>/dev/null ||
	fail "no test page among the printed receipts"
ref="$("$kiosk" --list-payments --data-dir "$work/data" | jq -r 'select(.state != "declined") | .reference' | head -n1)"
[ -n "$ref" ] || fail "no approved payment in the journal"
expect 0 "reprint $ref" -- "$ctl" --socket "$sock" reprint "$ref"
grep -q "receipt $ref reprinted" <<<"$out" || fail "reprint text: $out"
grep -lq "(COPY)" "$work/shots"/receipt-*.txt || fail "no receipt copy printed"
expect 1 "reprint of an unknown reference" -- "$ctl" --socket "$sock" reprint KNOPE0000
grep -q "no payment with that reference" <<<"$err" || fail "unknown reference: $err"

# --- the day's totals, checked against the journal
journal_totals() { # STATE... -> "count cents"
	"$kiosk" --list-payments --data-dir "$work/data" |
		jq -s --arg s "$*" '[.[] | select(.state as $x | ($s | split(" ")) | index($x))] |
			"\(length) \(map(.amount_cents) | add // 0)"' -r
}
approved="$(journal_totals approved receipt_printed confirmed)"
declined="$(journal_totals declined)"
doubt="$(journal_totals created sent in_doubt)"
expect 0 "report --json" -- "$ctl" --socket "$sock" report --json
got="$(jq -r '.report | "\(.approved.count) \(.approved.cents)|\(.declined.count) \(.declined.cents)|\(.in_doubt.count) \(.in_doubt.cents)"' <<<"$out")"
[ "$got" = "$approved|$declined|$doubt" ] && ok "report matches the journal ($got)" ||
	fail "report $got, journal $approved|$declined|$doubt"
[ "$approved" = "1 8417" ] || fail "journal approved: $approved"
expect 0 "report (text)" -- "$ctl" --socket "$sock" report
grep -q "approved     1        \$84.17" <<<"$out" || fail "report text: $out"
expect 0 "report --close" -- "$ctl" --socket "$sock" report --close --json
jq -e '.ok and .report.closed_at > 0 and .report.approved.count == 1' <<<"$out" >/dev/null ||
	fail "report --close: $out"
grep -lq "END OF DAY REPORT" "$work/shots"/receipt-*.txt || fail "the day report was not printed"
expect 0 "report after the close" -- "$ctl" --socket "$sock" report --json
jq -e '.report.approved.count == 0 and .report.declined.count == 0 and .report.since > 0' \
	<<<"$out" >/dev/null || fail "report after close: $out"
[ "$(sqlite3 "$work/data/audit.sqlite" 'SELECT count(*) FROM day_closes')" = 1 ] ||
	fail "day_closes does not hold the close"

# --- out of service, as the screen shows it
expect 0 "out-of-service on" -- "$ctl" --socket "$sock" out-of-service on
expect 0 "status after on" -- "$ctl" --socket "$sock" status --json
for _ in $(seq 1 50); do
	"$ctl" --socket "$sock" status --json | jq -e '.screen == "out-of-service"' >/dev/null && break
	sleep 0.1
done
"$ctl" --socket "$sock" status --json | jq -e '.out_of_service and .screen == "out-of-service"' \
	>/dev/null && ok "residents see out-of-service" || fail "out of service not shown"
expect 0 "out-of-service off" -- "$ctl" --socket "$sock" out-of-service off
grep -q "in service" <<<"$out" || fail "out-of-service off text: $out"
for _ in $(seq 1 50); do
	"$ctl" --socket "$sock" status --json | jq -e '.screen == "welcome"' >/dev/null && break
	sleep 0.1
done
"$ctl" --socket "$sock" status --json | jq -e '(.out_of_service | not) and .screen == "welcome"' \
	>/dev/null && ok "back in service" || fail "not back in service"

# --- configuration
expect 0 "config get" -- "$ctl" --socket "$sock" config get ui.idle_timeout_s
[ "$out" = "ui.idle_timeout_s = 60" ] || fail "config get: $out"
expect 0 "config set" -- "$ctl" --socket "$sock" config set ui.idle_timeout_s 90 --json
jq -e '.ok and .value == "90" and (.persisted == false)' <<<"$out" >/dev/null ||
	fail "config set: $out"
expect 0 "config get after set" -- "$ctl" --socket "$sock" config get ui.idle_timeout_s
[ "$out" = "ui.idle_timeout_s = 90" ] || fail "config get after set: $out"
expect 1 "config set, bad value" -- "$ctl" --socket "$sock" config set ui.idle_timeout_s soon
grep -q "not a whole number" <<<"$err" || fail "bad value message: $err"
expect 1 "config set, unknown key" -- "$ctl" --socket "$sock" config set ui.colour red
grep -q "unknown setting ui.colour" <<<"$err" || fail "unknown key message: $err"
expect 1 "config get, unknown key" -- "$ctl" --socket "$sock" config get nope.key
expect 1 "config get, no section" -- "$ctl" --socket "$sock" config get idle
expect 0 "config get service.pin_hash" -- "$ctl" --socket "$sock" config get service.pin_hash
[ "$out" = "service.pin_hash = (set)" ] || fail "the PIN hash is shown: $out"

# --- every staff action is audited, and reaches the portal through the outbox
for action in test_print reprint close_day out_of_service_on out_of_service_off config_set; do
	grep -q "$action" <<<"$(sqlite3 "$work/data/audit.sqlite" 'SELECT action, detail FROM audit')" ||
		fail "no audit entry for $action"
done
for _ in $(seq 1 100); do
	n="$(sqlite3 "$work/sim/portal-sim.db" "SELECT count(*) FROM audit_events WHERE action IN ('test_print','reprint','close_day')" 2>/dev/null || echo 0)"
	[ "$n" -ge 3 ] && break
	sleep 0.1
done
[ "${n:-0}" -ge 3 ] && ok "audit events at the portal" || fail "portal has $n of the audit events"
local_n="$(sqlite3 "$work/data/audit.sqlite" 'SELECT count(*) FROM audit')"
portal_n="$(sqlite3 "$work/sim/portal-sim.db" 'SELECT count(*) FROM audit_events')"
echo "audit: $local_n on the kiosk, $portal_n at the portal"

if [ "$fails" -ne 0 ]; then
	echo "kioskctl: $fails failure(s); kiosk log:" >&2
	tail -n 40 "$work/kiosk.log" >&2
	exit 1
fi
echo "kioskctl: all passed"
