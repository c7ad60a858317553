#!/bin/bash
# Sends a receipt by email and by text message (receipt-email-text.journey), then searches
# every file the kiosk wrote (journal and outbox with their WAL files, kiosk.log, receipts,
# screenshots) for the address and the number, in the spellings the kiosk could have used.
# None may hold them once the session is over. portal-sim's mailbox and text outbox must hold
# them (the messages really went), and a planted copy proves the search can fail.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${KIOSK_BUILD:-$root/build}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-contact.XXXXXX")"
trap 'rm -rf "$work"' EXIT

patterns=("luis.pena@example.net" "luis.pena" "3125550147" "+13125550147" "555-0147"
	"(312) 555" "312 555 0147")

scan() { # DIR...: prints each file holding a pattern
	local found=0
	for p in "${patterns[@]}"; do
		if grep -rlaiF -- "$p" "$@"; then
			found=1
		fi
	done
	return $((1 - found))
}

KIOSK_BUILD="$build" KIOSK_DATA="$work/kiosk" PORTAL_SIM_DATA="$work/sim" \
	"$root/scripts/run-journey" "$root/tests/journeys/receipt-email-text.journey" \
	"$work/shots" >"$work/run.log" 2>&1 || {
	cat "$work/run.log" >&2
	echo "receipt-contact: the receipt journey failed" >&2
	exit 1
}
ls "$work/kiosk"/journal.sqlite "$work/kiosk"/kiosk.log >/dev/null
# The messages went out: the portal's side holds them.
grep -qF "To: luis.pena@example.net" "$work/sim/mail.mbox"
grep -qF "To: +13125550147" "$work/sim/sms.mbox"
mkdir "$work/control"
printf 'x%sx\n' "${patterns[2]}" >"$work/control/planted"
if ! scan "$work/control" >/dev/null; then
	echo "receipt-contact: the search missed a planted number" >&2
	exit 1
fi
if scan "$work/kiosk" "$work/shots"; then
	echo "receipt-contact: the files above hold the resident's address or number" >&2
	exit 1
fi
echo "receipt-contact: $(find "$work/kiosk" "$work/shots" -type f | wc -l) files searched," \
	"no address or number kept"
