#!/bin/bash
# One terminal-sim fault, one card payment through the terminal: the resident is told the
# truth (the journey checks the screen), and the payment ends in exactly one charge at the
# terminal and one posting at the portal, or none of either, as the kiosk's journal says
# (tests/crash/compare-terminal.sh compares the three). The card fee is on, as in the crash
# test, so the terminal's amount and the posting's differ by it.
#
#   tests/money/terminal-faults.sh CASE        e.g. malformed-payment; --list names them all
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${KIOSK_BUILD:-$root/build}"

# case | terminal-sim arguments | journey | charges expected | what kiosk.log must show, so
# the fault really hit the payment ("" nothing)
# (The kiosk asks for Diagnosis first, at start: a count of 2 makes the Payment the second.)
cases='
drop-after-approve|--fault drop-after-approve:1|../crash/pay-terminal|1|Payment: timed out
slow|--fault slow:1500|../crash/pay-terminal|1|
malformed-diagnosis|--fault malformed:1|../crash/pay-terminal|1|Diagnosis: the terminal.s answer is not
malformed-payment|--fault malformed:2|../crash/pay-terminal|1|Payment: the terminal.s answer is not
rebooting-diagnosis|--fault rebooting:1|../crash/pay-terminal|1|Diagnosis: unreachable
rebooting-payment|--fault rebooting:2|pay-terminal-down|0|Payment: unreachable
'
# shellcheck source=tests/money/cases.sh
. "$here/cases.sh"
pick_case terminal-faults.sh "$cases" "$@"
IFS='|' read -r name tsim_args journey want_charges evidence <<<"$line"

work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-tfault.XXXXXX")"
trap 'rm -rf "$work"' EXIT
printf '[payments]\ncard_fee_percent = 2.5\ncard_fee_min_cents = 25\n' >"$work/fee.conf"
KIOSK_BUILD="$build" TERMINAL_SIM_ARGS="$tsim_args" \
	KIOSK_ARGS="--portal-timeout-ms 2000 --config $work/fee.conf" \
	KIOSK_DATA="$work/kiosk" PORTAL_SIM_DATA="$work/sim" TERMINAL_SIM_DATA="$work/terminal" \
	"$root/scripts/run-journey" "$here/$journey.journey" "$work/shots" >"$work/run.log" 2>&1 || {
	cat "$work/run.log" >&2
	echo "terminal-faults.sh: $name: the journey failed" >&2
	exit 1
}
summary="$("$root/tests/crash/compare-terminal.sh" "$build" "$work/kiosk" "$work/sim" \
	"$work/terminal")" || {
	echo "terminal-faults.sh: $name: journal, terminal and portal disagree ($summary)" >&2
	exit 1
}
echo "terminal-faults.sh: $name: $summary"
case "$summary" in
"payments=1 "*"terminal_charges=$want_charges portal_charges=$want_charges") ;;
*)
	echo "terminal-faults.sh: $name: expected one payment with $want_charges charge(s) at each" >&2
	exit 1 ;;
esac
# The fault must have hit what the case names, or it proves nothing.
if [ -n "$evidence" ] && ! grep -q "terminal: $evidence" "$work/kiosk/kiosk.log"; then
	echo "terminal-faults.sh: $name: kiosk.log never says \"$evidence\"" >&2
	exit 1
fi
