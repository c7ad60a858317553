#!/bin/bash
# Compares the three records of card payments taken by the payment terminal: the kiosk's
# journal, the terminal's ledger (terminal-sim) and the portal's (portal-sim). They agree
# when every payment the journal calls approved is exactly one approved terminal charge of the
# amount plus the card fee under its SaleTransactionID and exactly one portal posting of the
# amount with the fee as its own line and the same terminal transaction; every payment the
# journal calls declined, failed or reversed has no standing charge at the terminal and none
# at the portal; no SaleTransactionID appears twice at the terminal; and neither ledger holds
# a payment the journal does not know.
#
#   tests/crash/compare-terminal.sh BUILD_DIR KIOSK_DATA PORTAL_SIM_DATA TERMINAL_SIM_DATA
#
# Prints "payments=N approved=A not_charged=X terminal_charges=T portal_charges=P" and exits 0
# when everything agrees, 1 naming each disagreement.
set -euo pipefail

[ $# -eq 4 ] || { echo "usage: compare-terminal.sh BUILD_DIR KIOSK_DATA PORTAL_SIM_DATA TERMINAL_SIM_DATA" >&2; exit 2; }
bin="$1/bin"
journal="$("$bin/kiosk" --list-payments --data-dir "$2")"
# A basket's allocations are checked apart (tests/crash/basket-check.sh): the payment's own
# fields are the ones before them.
portal="$("$bin/portal-sim" ledger --data "$3" | sed 's/,"allocations":\[[^]]*\]//')"
terminal="$("$bin/terminal-sim" ledger --data "$4")"

field() { sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",]*\\)\"\\{0,1\\}[,}].*/\\1/p"; }
row_of() { printf '%s\n' "$1" | grep -F "\"$2\":\"$3\"" || true; }

bad=0 n=0 approved=0 not_charged=0
dups="$(printf '%s\n' "$terminal" | field sale_transaction_id | sort | uniq -d)"
if [ -n "$dups" ]; then
	echo "compare: a SaleTransactionID was used twice at the terminal: $dups" >&2
	bad=1
fi
while IFS= read -r row; do
	[ -n "$row" ] || continue
	[ "$(printf '%s' "$row" | field tender)" = terminal ] || continue
	n=$((n + 1))
	key=$(printf '%s' "$row" | field idempotency_key)
	amount=$(printf '%s' "$row" | field amount_cents)
	fee=$(printf '%s' "$row" | field fee_cents)
	state=$(printf '%s' "$row" | field state)
	post=$(printf '%s' "$row" | field post)
	t=$(row_of "$terminal" sale_transaction_id "$key")
	p=$(row_of "$portal" idempotency_key "$key")
	tstate=$(printf '%s' "$t" | field state)
	case "$state" in
	approved | receipt_printed | confirmed)
		approved=$((approved + 1))
		tamount=$(printf '%s' "$t" | field amount_cents)
		txn=$(printf '%s' "$t" | field poi_transaction_id)
		if [ "$tstate" != approved ] || [ "$tamount" != $((amount + fee)) ]; then
			echo "compare: $key is $state in the journal ($amount + fee $fee cents) but the terminal has '${tstate:-nothing}' (${tamount:-0} cents)" >&2
			bad=1
		fi
		if [ "$(printf '%s' "$p" | field result)" != approved ] ||
			[ "$(printf '%s' "$p" | field amount_cents)" != "$amount" ] ||
			[ "$(printf '%s' "$p" | field fee_cents)" != "$fee" ] ||
			[ "$(printf '%s' "$p" | field transaction_id)" != "$txn" ]; then
			echo "compare: $key is $state in the journal ($amount + fee $fee, terminal $txn) but the portal has: ${p:-nothing}" >&2
			bad=1
		fi
		if [ "$post" != done ]; then
			echo "compare: $key is approved but its posting is '$post'" >&2
			bad=1
		fi ;;
	declined | failed | reversed)
		not_charged=$((not_charged + 1))
		if [ "$tstate" = approved ]; then
			echo "compare: $key is $state in the journal (told: no money taken) but the terminal charged it: $t" >&2
			bad=1
		fi
		if [ -n "$p" ]; then
			echo "compare: $key is $state in the journal but the portal has it: $p" >&2
			bad=1
		fi ;;
	*)
		echo "compare: $key is still '$state' after reconciliation" >&2
		bad=1 ;;
	esac
done <<<"$journal"

# A ledger's approved charges (echoed); a row the journal does not know is a disagreement.
charges_of() { # WHO KEY_FIELD RESULT_FIELD LEDGER
	local count=0 row key
	while IFS= read -r row; do
		[ -n "$row" ] || continue
		key=$(printf '%s' "$row" | field "$2")
		[ "$(printf '%s' "$row" | field "$3")" = approved ] && count=$((count + 1))
		if [ -z "$(row_of "$journal" idempotency_key "$key")" ]; then
			echo "compare: the $1 has $key, which the kiosk's journal does not know: $row" >&2
			echo x >>"$unknown"
		fi
	done <<<"$4"
	echo "$count"
}
unknown="$(mktemp)"
trap 'rm -f "$unknown"' EXIT
tcharges=$(charges_of terminal sale_transaction_id state "$terminal")
pcharges=$(charges_of portal idempotency_key result "$portal")
[ -s "$unknown" ] && bad=1
if [ "$tcharges" -ne "$approved" ] || [ "$pcharges" -ne "$approved" ]; then
	echo "compare: $tcharges charges at the terminal, $pcharges at the portal, $approved approved in the journal" >&2
	bad=1
fi
echo "payments=$n approved=$approved not_charged=$not_charged terminal_charges=$tcharges portal_charges=$pcharges"
exit "$bad"
