#!/bin/bash
# One portal-sim fault, one payment: the resident is told the truth (the journey checks what
# the screen says), the ledger holds exactly one approved charge when they were told approved
# and none otherwise, and the kiosk's journal agrees with the ledger (compare.sh).
#
#   tests/money/faults.sh CASE        e.g. drop-after-commit-once; --list names them all
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${KIOSK_BUILD:-$root/build}"

# case | portal-sim arguments | journey | approved charges expected | declined rows expected
# [| the kiosk's portal deadline in ms, 2000 unless given]
cases='
latency|--fault latency:1500|pay-approved|1|0|6000
drop-before-commit-once|--fault drop-before-commit:1|pay-approved|1|0
drop-before-commit-always|--fault drop-before-commit|pay-unreachable|0|0
drop-after-commit-once|--fault drop-after-commit:1|pay-approved|1|0
drop-after-commit-always|--fault drop-after-commit|pay-approved|1|0
http500-once|--fault http500:1|pay-approved|1|0
http500-always|--fault http500|pay-unreachable|0|0
malformed-json-once|--fault malformed-json:1|pay-approved|1|0
malformed-json-always|--fault malformed-json|pay-approved|1|0
slow-body-once|--fault slow-body:1|pay-approved|1|0
declined-drop-after-commit|--fault drop-after-commit:1|pay-declined|0|1
'
# shellcheck source=tests/money/cases.sh
. "$here/cases.sh"
pick_case faults.sh "$cases" "$@"
IFS='|' read -r name sim_args journey want_charges want_declined deadline <<<"$line"

work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-fault.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# A 2 s deadline so slow-body runs out quickly; the sim's 200 ms a byte takes ~20 s. The latency
# case is about a slow portal that still answers in time: 1.5 s of delay against 2 s failed
# whenever the machine was busy, so it gets a deadline with room (6 s).
KIOSK_BUILD="$build" PORTAL_SIM_ARGS="$sim_args" KIOSK_ARGS="--portal-timeout-ms ${deadline:-2000}" \
	KIOSK_DATA="$work/kiosk" PORTAL_SIM_DATA="$work/sim" \
	"$root/scripts/run-journey" "$here/$journey.journey" "$work/shots" >"$work/run.log" 2>&1 || {
	cat "$work/run.log" >&2
	echo "faults.sh: $name: the journey failed" >&2
	exit 1
}
summary="$("$here/compare.sh" "$build" "$work/kiosk" "$work/sim")" || {
	echo "faults.sh: $name: journal and ledger disagree ($summary)" >&2
	exit 1
}
echo "faults.sh: $name: $summary"
case "$summary" in
*" declined=$want_declined "*"charges=$want_charges") ;;
*)
	echo "faults.sh: $name: expected $want_charges approved charge(s) and $want_declined declined" >&2
	exit 1 ;;
esac
# The slow-body case must really have timed out, or it proves nothing.
if [ "$name" = slow-body-once ] && ! grep -q "asking the portal" "$work/kiosk/kiosk.log"; then
	echo "faults.sh: slow-body: the kiosk never lost an answer" >&2
	exit 1
fi
