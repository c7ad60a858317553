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
# With --basket each attempt pays a basket of two bills, by card (pay-basket.journey) or with
# cash (pay-cash-basket.journey, overpaid, the credit to the second account), and the baskets
# are checked too (basket-check.sh): every basket the portal holds has both bills, they are
# the journal's, each account went down by exactly its bills and the credit it took, and the
# journal holds both bills of every attempt. The check must then refuse each kind of planted
# half basket (basket-check.sh --planted).
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
cash_journey="$here/pay-cash.journey"
basket=""
while [ $# -gt 0 ]; do
	case "$1" in
	--payments) payments="$2"; shift 2 ;;
	--cash) cash="$2"; shift 2 ;;
	--keep) keep="$2"; shift 2 ;;
	--basket) basket=1 card_journey="$here/pay-basket.journey"
		cash_journey="$here/pay-cash-basket.journey"; shift ;;
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
		journey="$cash_journey"
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
		if [ "$journey" = "$cash_journey" ]; then
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
	baskets="$("$here/basket-check.sh" "$sdata/portal-sim.db" "$kdata/journal.sqlite")" || {
		echo "crash: $baskets" >&2
		exit 1
	}
	# The check itself must refuse a half basket: planted in copies, one kind at a time.
	"$here/basket-check.sh" --planted "$sdata/portal-sim.db" "$kdata/journal.sqlite" \
		"$work/planted" || exit 1
	summary="$summary $baskets"
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
