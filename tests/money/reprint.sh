#!/bin/bash
# `kiosk --list-payments` shows the payment (last four only, and the approval code the portal
# answered with) and `kiosk --reprint REF` prints its receipt again from the journal alone,
# marked as a copy, with that approval code; an unknown reference is refused.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${KIOSK_BUILD:-$root/build}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-reprint.XXXXXX")"
trap 'rm -rf "$work"' EXIT

KIOSK_BUILD="$build" KIOSK_DATA="$work/kiosk" PORTAL_SIM_DATA="$work/sim" \
	"$root/scripts/run-journey" "$here/pay-approved.journey" "$work/shots" >"$work/run.log" 2>&1 || {
	cat "$work/run.log" >&2
	exit 1
}
list="$("$build/bin/kiosk" --list-payments --data-dir "$work/kiosk")"
echo "$list"
[ "$(printf '%s\n' "$list" | wc -l)" -eq 1 ]
printf '%s' "$list" | grep -q '"last4":"1111"'
printf '%s' "$list" | grep -q '"amount_cents":8417'
if printf '%s' "$list" | grep -q 4111111111111111; then
	echo "reprint: the listing holds a card number" >&2
	exit 1
fi
ref="$(printf '%s' "$list" | sed -n 's/.*"reference":"\(K[^"]*\)".*/\1/p')"
[ -n "$ref" ] || { echo "reprint: no portal reference in the listing" >&2; exit 1; }
# The swipe's approval code: the portal's (its ledger), journaled, printed on the copy.
code="$(printf '%s' "$list" | sed -n 's/.*"approval_code":"\([0-9A-Z]*\)".*/\1/p')"
[ -n "$code" ] || { echo "reprint: no approval code in the listing" >&2; exit 1; }
"$build/bin/portal-sim" ledger --data "$work/sim" | grep -q "\"approval_code\":\"$code\"" || {
	echo "reprint: approval code $code is not the portal's" >&2
	exit 1
}
png="$("$build/bin/kiosk" --reprint "$ref" --data-dir "$work/kiosk" --receipts "$work/reprints")"
txt="${png%.png}.txt"
grep -q "$ref" "$txt"
grep -q "COPY" "$txt"
grep -q "APPROVED" "$txt"
grep -q '\$84.17' "$txt"
grep -Eq "^Approval code +$code\$" "$txt"
grep -Eq "^Entry +Swiped\$" "$txt"
if "$build/bin/kiosk" --reprint KNOSUCHREF --data-dir "$work/kiosk" --receipts "$work/reprints" 2>/dev/null; then
	echo "reprint: an unknown reference was printed" >&2
	exit 1
fi
echo "reprint: $ref reprinted as $txt"
