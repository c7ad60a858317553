#!/bin/bash
# The crash test: pays again and again with the real kiosk and portal-sim, killing the kiosk
# with SIGKILL at a different point of the payment path each time (KIOSK_CRASH_AT, see
# docs/operations.md) under a rotating portal fault, restarts it on the same journal, lets it
# reconcile, and finally compares the journal with the portal's ledger: zero lost, zero
# doubled.
#
# Then the same with cash (--cash N attempts): kills around escrow, credit and posting; every
# note in the simulated validator's cash box must be in exactly one posted payment.
#
# With --basket each card attempt pays a basket of two bills (pay-basket.journey) and the
# portal's records are checked too: every basket it holds has both bills, each account went
# down by exactly what its bills say, and the journal holds both bills of every attempt.
#
#   tests/crash/run.sh [--payments N] [--cash N] [--keep DIR] [--basket]  (make crash-test: N = 100)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${KIOSK_BUILD:-$root/build}"
payments=12
cash=11
keep=""
card_journey="$here/pay-one-dollar.journey"
basket=""
while [ $# -gt 0 ]; do
	case "$1" in
	--payments) payments="$2"; shift 2 ;;
	--cash) cash="$2"; shift 2 ;;
	--keep) keep="$2"; shift 2 ;;
	--basket) basket=1 card_journey="$here/pay-basket.journey"; shift ;;
	*) echo "usage: tests/crash/run.sh [--payments N] [--cash N] [--keep DIR] [--basket]" >&2; exit 2 ;;
	esac
done
if [ -n "$keep" ]; then
	work="$keep"
	mkdir -p "$work"
else
	work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-crash.XXXXXX")"
fi
sim_pid=""
cleanup() {
	if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
	[ -n "$keep" ] || rm -rf "$work"
}
trap cleanup EXIT

points=(none before-journal after-journal after-sent-state after-send after-answer before-print
	after-print)
faults=("" "--fault drop-after-commit:1" "--fault latency:200" "--fault drop-before-commit:1")
kdata="$work/kiosk" sdata="$work/sim"
mkdir -p "$kdata" "$sdata"
rows() { "$build/bin/kiosk" --list-payments --data-dir "$kdata" | grep -c . || true; }
kills() { cat "$kdata/kiosk.log" 2>/dev/null | grep -c "killing the kiosk here" || true; }

cash_points=(none before-journal after-sent-state before-note-journal after-note-journal
	after-note-ack before-post after-post after-answer before-print after-print)

told_approved=0 crashed=0
for i in $(seq 1 $((payments + cash))); do
	journey="$card_journey"
	if [ "$i" -le "$payments" ]; then
		point="${points[$((i % ${#points[@]}))]}"
		fault="${faults[$(((i / ${#points[@]}) % ${#faults[@]}))]}"
	else
		# Cash: each point in turn, the portal's faults rotating more slowly.
		c=$((i - payments - 1))
		journey="$here/pay-cash.journey"
		point="${cash_points[$((c % ${#cash_points[@]}))]}"
		fault="${faults[$(((c / ${#cash_points[@]} + c) % ${#faults[@]}))]}"
	fi
	before=$(rows) kills_before=$(kills)
	status=0
	base=(KIOSK_BUILD="$build" KIOSK_DATA="$kdata" PORTAL_SIM_DATA="$sdata"
		PORTAL_SIM_ARGS="$fault" KIOSK_ARGS="--portal-timeout-ms 2000")
	envs=("${base[@]}")
	[ "$point" = none ] || envs+=("KIOSK_CRASH_AT=$point")
	env -u KIOSK_CRASH_AT "${envs[@]}" "$root/scripts/run-journey" "$journey" "$work/shots" \
		>"$work/run-$i.log" 2>&1 || status=$?
	after=$(rows)
	if [ "$point" = none ]; then
		if [ "$status" -ne 0 ]; then
			cat "$work/run-$i.log" >&2
			echo "crash: payment $i (no crash, fault '$fault') failed" >&2
			exit 1
		fi
		told_approved=$((told_approved + 1))
		# What the resident was told is what the journal holds.
		last="$("$build/bin/kiosk" --list-payments --data-dir "$kdata" | tail -n 1)"
		case "$last" in
		*'"state":"approved"'* | *'"state":"receipt_printed"'* | *'"state":"confirmed"'*) ;;
		*) echo "crash: payment $i was shown approved but the journal has: $last" >&2; exit 1 ;;
		esac
	else
		if [ "$status" -eq 0 ] || [ "$(kills)" -ne $((kills_before + 1)) ]; then
			cat "$work/run-$i.log" >&2
			echo "crash: payment $i: the kiosk was not killed at $point" >&2
			exit 1
		fi
		crashed=$((crashed + 1))
		if [ "$journey" = "$here/pay-cash.journey" ]; then
			# The kiosk comes back without the hook: the next attempt's kill then lands
			# in its own payment, not in this one's recovery.
			env -u KIOSK_CRASH_AT "${base[@]}" "$root/scripts/run-journey" "$here/restart.journey" \
				"$work/shots" >"$work/restart-$i.log" 2>&1 || {
				cat "$work/restart-$i.log" >&2
				echo "crash: the restart after payment $i failed" >&2
				exit 1
			}
		fi
	fi
	# One resident, one intent: never more than one payment (one key) per attempt.
	if [ $((after - before)) -gt 1 ]; then
		echo "crash: payment $i made $((after - before)) journal rows" >&2
		exit 1
	fi
	echo "crash: payment $i: ${point} ${fault:+($fault)} -> status $status"
done

# The last restart: the kiosk reconciles everything, waiting out the grace period for a
# request that may have been on its way when it died.
"$build/bin/portal-sim" --cert "$build/pki/server.pem" --key "$build/pki/server.key" \
	--seal-key "$build/pki/seal.key" --data "$sdata" --port 0 --port-file "$work/port" \
	>"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
"$build/bin/kiosk" --reconcile --data-dir "$kdata" --portal "https://127.0.0.1:$(cat "$work/port")" \
	--ca "$build/pki/ca.pem" --portal-timeout-ms 2000 >>"$kdata/kiosk.log" 2>&1 || {
	tail -n 30 "$kdata/kiosk.log" >&2
	echo "crash: reconciliation left payments in doubt" >&2
	exit 1
}
# Cash the portal could not take at the time waits in the outbox: it goes now.
"$build/bin/kiosk" --send-outbox --data-dir "$kdata" --portal "https://127.0.0.1:$(cat "$work/port")" \
	--ca "$build/pki/ca.pem" --portal-timeout-ms 2000 >>"$kdata/kiosk.log" 2>&1 || {
	tail -n 30 "$kdata/kiosk.log" >&2
	echo "crash: the outbox could not be emptied" >&2
	exit 1
}
summary="$("$root/tests/money/compare.sh" "$build" "$kdata" "$sdata")" || {
	echo "crash: journal and ledger disagree ($summary)" >&2
	exit 1
}
if [ -n "$basket" ]; then
	# Never half a basket: each basket the portal holds has both bills summing to its
	# amount; each account is down by exactly its bills (seeded: 700800900 482315,
	# 100200300 8417); the journal kept both bills of every payment it made.
	sim_db="$sdata/portal-sim.db"
	half=$(sqlite3 "$sim_db" "SELECT count(*) FROM payments p WHERE (SELECT count(*) FROM
		allocations a WHERE a.idempotency_key = p.idempotency_key) != 2 OR (SELECT
		sum(amount_cents) FROM allocations a WHERE a.idempotency_key = p.idempotency_key)
		!= p.amount_cents")
	drift=$(sqlite3 "$sim_db" "SELECT count(*) FROM accounts c WHERE c.customer_number IN
		('700800900', '100200300') AND c.balance_cents != (CASE c.customer_number WHEN
		'700800900' THEN 482315 ELSE 8417 END) - coalesce((SELECT sum(a.amount_cents) FROM
		allocations a JOIN payments p USING (idempotency_key) WHERE p.status = 'approved'
		AND a.customer_number = c.customer_number), 0)")
	jhalf=$(sqlite3 "$kdata/journal.sqlite" "SELECT count(*) FROM payments p WHERE (SELECT
		count(*) FROM payment_bills b WHERE b.payment_id = p.id) != 2")
	baskets=$(sqlite3 "$sim_db" "SELECT count(*) FROM payments WHERE status = 'approved'")
	if [ "$half" != 0 ] || [ "$drift" != 0 ] || [ "$jhalf" != 0 ]; then
		echo "crash: baskets broken: $half portal payments without both bills, $drift" \
			"accounts off their bills, $jhalf journal rows without both bills" >&2
		exit 1
	fi
	summary="$summary baskets=$baskets (both bills each, balances match)"
fi
if [ "$cash" -gt 0 ]; then
	box="$("$here/cash-box.sh" "$build" "$kdata" "$sdata")" || {
		echo "crash: the cash box and the ledger disagree ($box)" >&2
		exit 1
	}
	summary="$summary; $box"
fi
echo "crash: $payments card and $cash cash attempts, $crashed killed, $told_approved shown approved; $summary"
case "$summary" in
*approved=0*) echo "crash: nothing was ever approved: the test proves nothing" >&2; exit 1 ;;
esac
echo "crash: zero lost, zero doubled"
