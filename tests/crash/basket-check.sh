#!/bin/bash
# Never half a basket: the crash test's check of the baskets (every attempt of a --basket run
# pays Okafor's and Rivera's bills together, by card, through the terminal or with cash).
#
# - every payment the portal holds has both bills, and they sum to what went to the bills (the
#   amount, or for cash the amount due);
# - each bill the portal holds is the journal's, under the same key, in the same place, for
#   the same amount; a cash credit went to the account the journal marked;
# - each account is down by exactly its bills and the cash credits it took (seeded:
#   700800900 482315, 100200300 8417);
# - the journal kept both bills of every payment it made.
#
#   tests/crash/basket-check.sh PORTAL_SIM_DB JOURNAL_DB
#   tests/crash/basket-check.sh --planted PORTAL_SIM_DB JOURNAL_DB WORK_DIR
#
# The first prints "baskets=N (both bills each, balances match)" and exits 0, or names what is
# broken and exits 1. --planted proves the check can fail: on copies in WORK_DIR it plants
# each kind of half basket in turn (a portal payment with one bill, one bill's money not taken
# off its account, a journal payment with one bill, a credit on an account the resident did
# not choose) and exits 1 unless the check refused every one.
set -euo pipefail

usage="usage: basket-check.sh [--planted] PORTAL_SIM_DB JOURNAL_DB [WORK_DIR]"
check() {
	local sim_db="$1" journal="$2" half drift jhalf other credit baskets
	half=$(sqlite3 "$sim_db" "SELECT count(*) FROM payments p
		LEFT JOIN cash_postings c USING (idempotency_key)
		WHERE (SELECT count(*) FROM allocations a WHERE a.idempotency_key = p.idempotency_key) != 2
		OR (SELECT sum(amount_cents) FROM allocations a WHERE a.idempotency_key = p.idempotency_key)
		!= coalesce(c.amount_due_cents, p.amount_cents)")
	drift=$(sqlite3 "$sim_db" "SELECT count(*) FROM accounts c WHERE c.customer_number IN
		('700800900', '100200300') AND c.balance_cents != (CASE c.customer_number WHEN
		'700800900' THEN 482315 ELSE 8417 END) - coalesce((SELECT sum(a.amount_cents) FROM
		allocations a JOIN payments p USING (idempotency_key) WHERE p.status = 'approved'
		AND a.customer_number = c.customer_number), 0) - coalesce((SELECT sum(k.credit_cents)
		FROM cash_postings k JOIN cash_credit_to r USING (idempotency_key)
		WHERE r.credit_to = c.customer_number), 0)")
	jhalf=$(sqlite3 "$journal" "SELECT count(*) FROM payments p WHERE (SELECT
		count(*) FROM payment_bills b WHERE b.payment_id = p.id) != 2")
	other=$(sqlite3 "$sim_db" "ATTACH '$journal' AS j; SELECT count(*) FROM allocations a
		WHERE NOT EXISTS (SELECT 1 FROM j.payments jp JOIN j.payment_bills b
		ON b.payment_id = jp.id WHERE jp.idempotency_key = a.idempotency_key
		AND b.seq = a.seq AND b.customer_number = a.customer_number
		AND b.amount_cents = a.amount_cents)")
	credit=$(sqlite3 "$sim_db" "ATTACH '$journal' AS j; SELECT count(*) FROM cash_postings k
		LEFT JOIN cash_credit_to r USING (idempotency_key)
		WHERE r.credit_to IS NULL OR NOT EXISTS (SELECT 1 FROM j.payments jp
		JOIN j.payment_bills b ON b.payment_id = jp.id
		WHERE jp.idempotency_key = k.idempotency_key AND b.takes_credit = 1
		AND b.customer_number = r.credit_to)")
	baskets=$(sqlite3 "$sim_db" "SELECT count(*) FROM payments WHERE status = 'approved'")
	if [ "$half" != 0 ] || [ "$drift" != 0 ] || [ "$jhalf" != 0 ] || [ "$other" != 0 ] ||
		[ "$credit" != 0 ]; then
		echo "baskets broken: $half portal payments without both bills, $drift accounts" \
			"off their bills, $jhalf journal rows without both bills, $other portal bills" \
			"not the journal's, $credit cash credits not where the journal says" >&2
		return 1
	fi
	echo "baskets=$baskets (both bills each, balances match)"
}

if [ "${1:-}" = --planted ]; then
	[ $# -eq 4 ] || { echo "$usage" >&2; exit 2; }
	sim_db="$2" journal="$3" work="$4"
	plants=(
		"sim|DELETE FROM allocations WHERE rowid = (SELECT max(rowid) FROM allocations)"
		"sim|UPDATE accounts SET balance_cents = balance_cents + 100 WHERE customer_number = '100200300'"
		"journal|DELETE FROM payment_bills WHERE rowid = (SELECT max(rowid) FROM payment_bills)"
	)
	# A credit on the other account: only where there was cash.
	if [ "$(sqlite3 "$sim_db" "SELECT count(*) FROM cash_credit_to")" != 0 ]; then
		plants+=("sim|UPDATE cash_credit_to SET credit_to = iif(credit_to = '100200300',
			'700800900', '100200300') WHERE rowid = (SELECT max(rowid) FROM cash_credit_to)")
	fi
	mkdir -p "$work"
	for plant in "${plants[@]}"; do
		# Copies with what their write-ahead logs hold.
		rm -f "$work/sim.db" "$work/journal.db"
		sqlite3 "$sim_db" ".backup '$work/sim.db'"
		sqlite3 "$journal" ".backup '$work/journal.db'"
		sqlite3 "$work/${plant%%|*}.db" "${plant#*|}"
		if check "$work/sim.db" "$work/journal.db" >/dev/null 2>&1; then
			echo "basket-check: a planted half basket went unnoticed: ${plant#*|}" >&2
			exit 1
		fi
	done
	echo "basket-check: ${#plants[@]} planted half baskets, each refused"
	exit 0
fi
[ $# -eq 2 ] || { echo "$usage" >&2; exit 2; }
check "$1" "$2"
