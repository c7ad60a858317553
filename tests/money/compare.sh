#!/bin/bash
# Compares the kiosk's journal with the portal's ledger: every payment the journal calls
# approved is exactly one approved charge of the same amount, every declined one is declined,
# every failed one was never charged, nothing is left unfinished, and the portal holds no
# charge the kiosk does not know about. A cash payment's charge is what its notes came to
# (taken_cents), with the same notes; a failed one took none.
#
#   tests/money/compare.sh BUILD_DIR KIOSK_DATA PORTAL_SIM_DATA
#
# Prints "payments=N approved=A declined=D failed=F charges=C" and exits 0 when they agree,
# 1 naming each disagreement.
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: compare.sh BUILD_DIR KIOSK_DATA PORTAL_SIM_DATA" >&2; exit 2; }
bin="$1/bin"
journal="$("$bin/kiosk" --list-payments --data-dir "$2")"
# A basket's allocations are checked apart (tests/crash/basket-check.sh): the payment's own
# fields are the ones before them.
ledger="$("$bin/portal-sim" ledger --data "$3" | sed 's/,"allocations":\[[^]]*\]//')"

field() { sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",]*\\)\"\\{0,1\\}[,}].*/\\1/p"; }
notes_of() { sed -n 's/.*"notes":"\([^"]*\)".*/\1/p'; }
ledger_row() { printf '%s\n' "$ledger" | grep -F "\"idempotency_key\":\"$1\"" || true; }

bad=0 approved=0 declined=0 failed=0 n=0
while IFS= read -r row; do
	[ -n "$row" ] || continue
	n=$((n + 1))
	key=$(printf '%s' "$row" | field idempotency_key)
	amount=$(printf '%s' "$row" | field amount_cents)
	state=$(printf '%s' "$row" | field state)
	charge=$(ledger_row "$key")
	result=$(printf '%s' "$charge" | field result)
	charged=$(printf '%s' "$charge" | field amount_cents)
	if [ "$(printf '%s' "$row" | field tender)" = cash ]; then
		# Cash: the notes are the money; the portal must hold the same ones.
		amount=$(printf '%s' "$row" | field taken_cents)
		if [ -n "$charge" ] && [ "$(printf '%s' "$row" | notes_of)" != "$(printf '%s' "$charge" | notes_of)" ]; then
			echo "compare: $key: the journal's notes '$(printf '%s' "$row" | notes_of)' are not the ledger's '$(printf '%s' "$charge" | notes_of)'" >&2
			bad=1
		fi
		if [ "$state" = failed ] && [ "$amount" != 0 ]; then
			echo "compare: $key failed in the journal but $amount cents in notes were taken" >&2
			bad=1
		fi
	fi
	case "$state" in
	approved | receipt_printed | confirmed)
		approved=$((approved + 1))
		if [ "$result" != approved ] || [ "$charged" != "$amount" ]; then
			echo "compare: $key is $state in the journal ($amount cents) but the ledger has '${result:-nothing}' (${charged:-0} cents)" >&2
			bad=1
		fi ;;
	declined)
		declined=$((declined + 1))
		if [ "$result" != declined ]; then
			echo "compare: $key is declined in the journal but the ledger has '${result:-nothing}'" >&2
			bad=1
		fi ;;
	failed)
		failed=$((failed + 1))
		if [ -n "$charge" ]; then
			echo "compare: $key failed in the journal (told: no money taken) but the ledger has it: $charge" >&2
			bad=1
		fi ;;
	*)
		echo "compare: $key is still '$state' after reconciliation" >&2
		bad=1 ;;
	esac
done <<<"$journal"

charges=0
while IFS= read -r charge; do
	[ -n "$charge" ] || continue
	key=$(printf '%s' "$charge" | field idempotency_key)
	[ "$(printf '%s' "$charge" | field result)" = approved ] && charges=$((charges + 1))
	if ! printf '%s\n' "$journal" | grep -qF "\"idempotency_key\":\"$key\""; then
		echo "compare: the ledger has $key, which the kiosk's journal does not know: $charge" >&2
		bad=1
	fi
done <<<"$ledger"

if [ "$charges" -ne "$approved" ]; then
	echo "compare: $charges approved charges in the ledger, $approved approved payments in the journal" >&2
	bad=1
fi
echo "payments=$n approved=$approved declined=$declined failed=$failed charges=$charges"
exit "$bad"
