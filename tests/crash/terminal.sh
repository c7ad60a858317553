#!/bin/bash
# The crash test on the payment terminal's path (tests/crash/run.sh is the magstripe's and the
# cash's): pays again and again through the real kiosk, terminal-sim and portal-sim, killing
# the kiosk with SIGKILL at a different point each time (KIOSK_CRASH_AT: before and after the
# journal, after the Payment is sent, after the terminal's answer is journaled, before and
# after the portal posting, around the receipt) under the terminal's answer lost and the
# portal's answer lost or refused with a 500, the card fee on; restarts it on the same journal,
# lets it settle (kiosk --reconcile with the terminal), then compares the journal, the
# terminal's ledger and the portal's ledger (tests/crash/compare-terminal.sh), and checks that
# the comparison notices a posting taken away. With --basket each attempt pays a basket of two
# bills through the terminal (pay-terminal-basket.journey), checked as run.sh --basket checks
# them (basket-check.sh, planted half baskets too).
#
#   tests/crash/terminal.sh [--payments N] [--keep DIR] [--basket]   (make crash-test: N = 60)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${KIOSK_BUILD:-$root/build}"
payments=20
keep=""
basket=""
while [ $# -gt 0 ]; do
	case "$1" in
	--payments) payments="$2"; shift 2 ;;
	--keep) keep="$2"; shift 2 ;;
	--basket) basket=1; shift ;;
	*) echo "usage: tests/crash/terminal.sh [--payments N] [--keep DIR] [--basket]" >&2; exit 2 ;;
	esac
done
if [ -n "$keep" ]; then
	work="$keep"
	mkdir -p "$work"
else
	work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-crash-terminal.XXXXXX")"
fi
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
	[ -n "$keep" ] || rm -rf "$work"
}
trap cleanup EXIT

kdata="$work/kiosk" sdata="$work/sim" tdata="$work/terminal" pki="$build/pki"
mkdir -p "$kdata" "$sdata" "$tdata"
kiosk_args="--portal-timeout-ms 2000"
journey="$here/pay-terminal.journey" name=crash-terminal
[ -z "$basket" ] || journey="$here/pay-terminal-basket.journey" name=crash-terminal-basket
# In this order a kill before or after the posting hits the resident's own payment: the
# point before it leaves no posting pending for the restart to send first (a kill while
# the restart posts an earlier payment happens too, with other orders and faults).
points=(none before-journal after-journal after-sent-state after-send after-answer
	before-print before-post after-print after-post)
tfaults=("" "--fault drop-after-approve:1")
faults=("" "--fault http500:1" "--fault drop-after-commit:1")
# The card fee: 2.5 %, at least $0.25 (the journey checks the $1.25 it makes of $1.00).
printf '[payments]\ncard_fee_percent = 2.5\ncard_fee_min_cents = 25\n' >"$work/fee.conf"
kiosk_args="$kiosk_args --config $work/fee.conf"
rows() { "$build/bin/kiosk" --list-payments --data-dir "$kdata" | grep -c . || true; }
kills() { cat "$kdata/kiosk.log" 2>/dev/null | grep -c "killing the kiosk here" || true; }

told_approved=0 crashed=0
np=${#points[@]} nt=${#tfaults[@]}
for i in $(seq 1 "$payments"); do
	point="${points[$((i % np))]}"
	tfault="${tfaults[$(((i / np) % nt))]}"
	fault="${faults[$(((i / (np * nt)) % ${#faults[@]}))]}"
	before=$(rows) kills_before=$(kills)
	status=0
	envs=(KIOSK_BUILD="$build" KIOSK_DATA="$kdata" PORTAL_SIM_DATA="$sdata"
		PORTAL_SIM_ARGS="$fault" TERMINAL_SIM_DATA="$tdata" TERMINAL_SIM_ARGS="$tfault"
		KIOSK_ARGS="$kiosk_args")
	[ "$point" = none ] || envs+=("KIOSK_CRASH_AT=$point")
	env -u KIOSK_CRASH_AT "${envs[@]}" "$root/scripts/run-journey" "$journey" "$work/shots" \
		>"$work/run-$i.log" 2>&1 || status=$?
	after=$(rows)
	if [ "$point" = none ]; then
		if [ "$status" -ne 0 ]; then
			cat "$work/run-$i.log" >&2
			echo "$name: payment $i (no crash, faults '$tfault' '$fault') failed" >&2
			exit 1
		fi
		told_approved=$((told_approved + 1))
		# What the resident was told is what the journal holds.
		last="$("$build/bin/kiosk" --list-payments --data-dir "$kdata" | tail -n 1)"
		case "$last" in
		*'"state":"approved"'* | *'"state":"receipt_printed"'* | *'"state":"confirmed"'*) ;;
		*) echo "$name: payment $i was shown approved but the journal has: $last" >&2; exit 1 ;;
		esac
	else
		if [ "$status" -eq 0 ] || [ "$(kills)" -ne $((kills_before + 1)) ]; then
			cat "$work/run-$i.log" >&2
			echo "$name: payment $i: the kiosk was not killed at $point" >&2
			exit 1
		fi
		crashed=$((crashed + 1))
	fi
	# One resident, one intent: never more than one payment (one key) per attempt.
	if [ $((after - before)) -gt 1 ]; then
		echo "$name: payment $i made $((after - before)) journal rows" >&2
		exit 1
	fi
	echo "$name: payment $i: ${point} ${tfault:+($tfault)} ${fault:+($fault)} -> status $status"
done

# The last restart: the kiosk reconciles everything, waiting out the grace period for a
# request that may have been on its way when it died (and, on the terminal's path, posts what
# the portal has not got yet and reverses what it refused).
"$build/bin/portal-sim" --cert "$pki/server.pem" --key "$pki/server.key" \
	--seal-key "$pki/seal.key" --data "$sdata" --port 0 --port-file "$work/port" \
	>"$work/sim.log" 2>&1 &
pids+=($!)
"$build/bin/terminal-sim" --cert "$pki/terminal.pem" --key "$pki/terminal.key" \
	--data "$tdata" --port 0 --port-file "$work/tport" --admin-port 0 \
	--admin-port-file "$work/taport" >"$work/terminal-sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do [ -s "$work/tport" ] && break; sleep 0.05; done
reconcile_args=(--config "$work/fee.conf" --card terminal
	--terminal "https://127.0.0.1:$(cat "$work/tport")/nexo"
	--terminal-ca "$pki/terminal-ca.pem" --terminal-poi-id V400m-324688179)
for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
"$build/bin/kiosk" --reconcile --data-dir "$kdata" --portal "https://127.0.0.1:$(cat "$work/port")" \
	--ca "$pki/ca.pem" --portal-timeout-ms 2000 "${reconcile_args[@]}" >>"$kdata/kiosk.log" 2>&1 || {
	tail -n 30 "$kdata/kiosk.log" >&2
	echo "$name: reconciliation left payments in doubt or unposted" >&2
	exit 1
}
summary="$("$here/compare-terminal.sh" "$build" "$kdata" "$sdata" "$tdata")" || {
	echo "$name: journal, terminal and portal disagree ($summary)" >&2
	exit 1
}
if [ -n "$basket" ]; then
	baskets="$("$here/basket-check.sh" "$sdata/portal-sim.db" "$kdata/journal.sqlite")" || {
		echo "$name: $baskets" >&2
		exit 1
	}
	"$here/basket-check.sh" --planted "$sdata/portal-sim.db" "$kdata/journal.sqlite" \
		"$work/planted" || exit 1
	summary="$summary $baskets"
fi
echo "$name: $payments attempts, $crashed killed, $told_approved shown approved; $summary"
case "$summary" in
*approved=0*) echo "$name: nothing was ever approved: the test proves nothing" >&2; exit 1 ;;
esac
# The checker itself must notice a charge the portal never got: take one posting away.
cp -r "$sdata" "$work/sim-gap"
db="$work/sim-gap/portal-sim.db"
key="$(sqlite3 "$db" "SELECT idempotency_key FROM terminal_postings LIMIT 1")"
sqlite3 "$db" "DELETE FROM terminal_postings WHERE idempotency_key = '$key';
	DELETE FROM confirmations WHERE idempotency_key = '$key';
	DELETE FROM payments WHERE idempotency_key = '$key'"
if "$here/compare-terminal.sh" "$build" "$kdata" "$work/sim-gap" "$tdata" >/dev/null 2>&1; then
	echo "$name: the checker did not notice a posting taken away" >&2
	exit 1
fi
echo "$name: the terminal's and the portal's ledgers agree"
echo "$name: zero lost, zero doubled"
