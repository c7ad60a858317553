#!/bin/bash
# Pays with 4111111111111111 on the magstripe reader, then by chip, tap (5555555555554444, in
# Spanish) and phone wallet through terminal-sim, and searches every file the kiosk wrote
# (journal and outbox with their WAL files, audit, kiosk.log, receipts, screenshots) and the
# portal's records for the card numbers, in any usual spelling, for their track data, and for
# the first six digits a terminal's MaskedPan carries ("411111 **** 1111"): nothing beyond
# the last four may be kept. A planted copy proves the search works. (terminal-sim's own ledger
# is the terminal's, which keeps the masked number as a real one does; it is not searched.)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${KIOSK_BUILD:-$root/build}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-carddata.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# What must never be kept: the numbers plain, grouped, the first six, and the track fragments
# the simulated reader builds from the first (track 1 "%B<pan>^", track 2 ";<pan>=", the name
# and expiry field).
patterns=("4111111111111111" "4111 1111 1111 1111" "4111-1111-1111-1111" "B4111111111111111^"
	";4111111111111111=" "RIVERA/ANA^2812" "=2812" "411111" "4111 11"
	"5555555555554444" "5555 5555 5555 4444" "555555 *" "555555*" "555555X")

scan() { # DIR...: prints each file holding a pattern
	local found=0
	for p in "${patterns[@]}"; do
		if grep -rlaF -- "$p" "$@"; then
			found=1
		fi
	done
	return $((1 - found))
}

pay() { # NAME JOURNEY: one run, its kiosk data in kiosk-NAME, its portal in sim-NAME
	KIOSK_BUILD="$build" KIOSK_DATA="$work/kiosk-$1" PORTAL_SIM_DATA="$work/sim-$1" \
		TERMINAL_SIM_DATA="$work/terminal-$1" \
		"$root/scripts/run-journey" "$2" "$work/shots-$1" >"$work/run-$1.log" 2>&1 || {
		cat "$work/run-$1.log" >&2
		echo "card-data: the payment journey $2 failed" >&2
		exit 1
	}
	ls "$work/kiosk-$1"/journal.sqlite "$work/kiosk-$1"/kiosk.log >/dev/null
}
pay reader "$here/pay-approved.journey"
pay chip "$root/tests/journeys/terminal-chip.journey"
pay tap "$root/tests/journeys/terminal-tap-spanish.journey"
pay wallet "$root/tests/journeys/terminal-wallet.journey"
ls "$work/shots-reader"/receipt-0001.txt >/dev/null
# The search must be able to fail: a planted copy in a scratch directory is found.
mkdir "$work/control"
printf 'x%sx\n' "${patterns[0]}" >"$work/control/planted"
if ! scan "$work/control" >/dev/null; then
	echo "card-data: the search missed a planted card number" >&2
	exit 1
fi
kept=("$work"/kiosk-* "$work"/shots-* "$work"/sim-*)
if scan "${kept[@]}"; then
	echo "card-data: the files above hold card data" >&2
	exit 1
fi
grep -q "1111" "$work/shots-reader/receipt-0001.txt" # the last four are there, as they should be
echo "card-data: $(find "${kept[@]}" -type f | wc -l) files searched, no card data"
