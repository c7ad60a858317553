#!/bin/bash
# The cash side of the crash test: every note in the simulated validator's cash box (the
# device's own count, kept across the kiosk's restarts) is in exactly one payment posted to the
# portal, and every note the journal credited counts in a payment.
#
#   tests/crash/cash-box.sh BUILD_DIR KIOSK_DATA PORTAL_SIM_DATA
#
# Prints "box=N notes posted=N cents=C" and exits 0 when they agree, 1 naming what differs.
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: cash-box.sh BUILD_DIR KIOSK_DATA PORTAL_SIM_DATA" >&2; exit 2; }
bin="$1/bin"
state="$2/sim-validator.state"
[ -f "$state" ] || { echo "cash-box: no $state: no cash was ever taken" >&2; exit 1; }

# The box, by denomination in cents: "dollars 1 2 5 ..." and "box 0 0 3 ..." by channel.
declare -A box=() posted=()
read -r -a dollars <<<"$(sed -n 's/^dollars //p' "$state")"
read -r -a counts <<<"$(sed -n 's/^box //p' "$state")"
in_box=0 cents=0
for i in "${!dollars[@]}"; do
	c=$((dollars[i] * 100))
	box[$c]=$((${box[$c]:-0} + ${counts[i]:-0}))
	in_box=$((in_box + ${counts[i]:-0}))
done

# The portal's cash payments: "notes":"500x1,100x1" each.
ledger="$("$bin/portal-sim" ledger --data "$3")"
n_posted=0
while IFS= read -r notes; do
	[ -n "$notes" ] || continue
	IFS=, read -r -a parts <<<"$notes"
	for p in "${parts[@]}"; do
		c="${p%x*}" k="${p#*x}"
		posted[$c]=$((${posted[$c]:-0} + k))
		n_posted=$((n_posted + k))
		cents=$((cents + c * k))
	done
done < <(printf '%s\n' "$ledger" | grep '"tender":"cash"' | sed -n 's/.*"notes":"\([^"]*\)".*/\1/p')

bad=0
for c in $(printf '%s\n' "${!box[@]}" "${!posted[@]}" | sort -nu); do
	if [ "${box[$c]:-0}" != "${posted[$c]:-0}" ]; then
		echo "cash-box: ${box[$c]:-0} notes of $c cents in the box, ${posted[$c]:-0} posted" >&2
		bad=1
	fi
done
# A note the journal credited to no payment would be money no resident's account shows.
if "$bin/kiosk" --list-cash-notes --data-dir "$2" | grep -q '"payment":""'; then
	echo "cash-box: the journal holds notes credited to no payment:" >&2
	"$bin/kiosk" --list-cash-notes --data-dir "$2" | grep '"payment":""' >&2
	bad=1
fi
echo "box=$in_box notes posted=$n_posted cents=$cents"
exit "$bad"
