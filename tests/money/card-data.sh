#!/bin/bash
# Pays with 4111111111111111, then searches every file the kiosk wrote (journal and outbox
# with their WAL files, kiosk.log, receipts, screenshots) for the card number, in any usual
# spelling, and for its track data. None may hold it. A planted copy proves the search works.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${KIOSK_BUILD:-$root/build}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-carddata.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# What must never be kept: the number plain, grouped, and the track fragments the simulated
# reader builds from it (track 1 "%B<pan>^", track 2 ";<pan>=", the name and expiry field).
patterns=("4111111111111111" "4111 1111 1111 1111" "4111-1111-1111-1111" "B4111111111111111^"
	";4111111111111111=" "RIVERA/ANA^2812" "=2812")

scan() { # DIR...: prints each file holding a pattern
	local found=0
	for p in "${patterns[@]}"; do
		if grep -rlaF -- "$p" "$@"; then
			found=1
		fi
	done
	return $((1 - found))
}

KIOSK_BUILD="$build" KIOSK_DATA="$work/kiosk" PORTAL_SIM_DATA="$work/sim" \
	"$root/scripts/run-journey" "$here/pay-approved.journey" "$work/shots" >"$work/run.log" 2>&1 || {
	cat "$work/run.log" >&2
	echo "card-data: the payment journey failed" >&2
	exit 1
}
ls "$work/kiosk"/journal.sqlite "$work/kiosk"/kiosk.log "$work/shots"/receipt-0001.txt >/dev/null
# The search must be able to fail: a planted copy in a scratch directory is found.
mkdir "$work/control"
printf 'x%sx\n' "${patterns[0]}" >"$work/control/planted"
if ! scan "$work/control" >/dev/null; then
	echo "card-data: the search missed a planted card number" >&2
	exit 1
fi
if scan "$work/kiosk" "$work/shots"; then
	echo "card-data: the files above hold card data" >&2
	exit 1
fi
grep -q "1111" "$work/shots/receipt-0001.txt" # the last four are there, as they should be
echo "card-data: $(find "$work/kiosk" "$work/shots" -type f | wc -l) files searched, no card data"
