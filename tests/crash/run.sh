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
# half basket (basket-check.sh --planted). With --tender terminal the baskets go through the
# payment terminal (pay-terminal-basket.journey, the card fee on the total), checked the same
# way after the terminal's comparison (the kill while the terminal waits for a card is
# crash.terminal's, not repeated there).
#
# With --tender terminal (or --terminal) the card attempts go through the payment terminal
# (pay-terminal.journey, terminal-sim): kills before and after the journal, after the Payment
# is sent, after the terminal's answer is journaled, before and after the portal posting,
# around the receipt, under the terminal's answer lost and the portal's answer lost or refused
# with a 500, the card fee on; the kiosk settles with the terminal (kiosk --reconcile), then
# the journal, the terminal's ledger and the portal's ledger are compared
# (compare-terminal.sh), and the comparison must notice a posting taken away. Before that,
# one more kill while the Payment waits for a card at a terminal-sim that lives on: the
# restarted kiosk must Abort it at once (the terminal's ledger says aborted, not a charge of
# the card held to it next). No cash then unless --cash is given.
#
#   tests/crash/run.sh [--payments N] [--cash N] [--keep DIR] [--basket] [--tender card|terminal]
#   (make crash-test: N = 100 with the card reader, 60 with the terminal)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${KIOSK_BUILD:-$root/build}"
payments=12
cash=""
keep=""
card_journey="$here/pay-one-dollar.journey"
cash_journey="$here/pay-cash.journey"
basket=""
tender=card
usage="usage: tests/crash/run.sh [--payments N] [--cash N] [--keep DIR] [--basket] [--tender card|terminal]"
while [ $# -gt 0 ]; do
	case "$1" in
	--payments) payments="$2"; shift 2 ;;
	--cash) cash="$2"; shift 2 ;;
	--keep) keep="$2"; shift 2 ;;
	--basket) basket=1 card_journey="$here/pay-basket.journey"
		cash_journey="$here/pay-cash-basket.journey"; shift ;;
	--tender) tender="$2"; shift 2 ;;
	--terminal) tender=terminal; shift ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
done
case "$tender" in
card) name=crash cash="${cash:-11}" ;;
terminal) name=crash-terminal cash="${cash:-0}" card_journey="$here/pay-terminal.journey" ;;
*) echo "$usage" >&2; exit 2 ;;
esac
if [ "$tender" = terminal ] && [ -n "$basket" ]; then
	name=crash-terminal-basket card_journey="$here/pay-terminal-basket.journey"
fi
if [ -n "$keep" ]; then
	work="$keep"
	mkdir -p "$work"
else
	work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-crash.XXXXXX")"
fi
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
	[ -n "$keep" ] || rm -rf "$work"
}
trap cleanup EXIT

kdata="$work/kiosk" sdata="$work/sim" tdata="$work/terminal" pki="$build/pki"
mkdir -p "$kdata" "$sdata"
kiosk_args="--portal-timeout-ms 2000"
# The terminal's answer lost or not (terminal-sim's faults): only on the terminal's path.
tfaults=("")
if [ "$tender" = terminal ]; then
	# In this order a kill before or after the posting hits the resident's own payment: the
	# point before it leaves no posting pending for the restart to send first (a kill while
	# the restart posts an earlier payment happens too, with other orders and faults).
	points=(none before-journal after-journal after-sent-state after-send after-answer
		before-print before-post after-print after-post)
	tfaults=("" "--fault drop-after-approve:1")
	faults=("" "--fault http500:1" "--fault drop-after-commit:1")
	mkdir -p "$tdata"
	# The card fee: 2.5 %, at least $0.25 (the journey checks the $1.25 it makes of $1.00).
	printf '[payments]\ncard_fee_percent = 2.5\ncard_fee_min_cents = 25\n' >"$work/fee.conf"
	kiosk_args="$kiosk_args --config $work/fee.conf"
else
	points=(none before-journal after-journal after-sent-state after-send after-answer
		before-print after-print)
	faults=("" "--fault drop-after-commit:1" "--fault latency:200" "--fault drop-before-commit:1")
fi
rows() { "$build/bin/kiosk" --list-payments --data-dir "$kdata" | grep -c . || true; }
kills() { cat "$kdata/kiosk.log" 2>/dev/null | grep -c "killing the kiosk here" || true; }

cash_points=(none before-journal after-sent-state before-note-journal after-note-journal
	after-note-ack before-post after-post after-answer before-print after-print)

told_approved=0 crashed=0
for i in $(seq 1 $((payments + cash))); do
	journey="$card_journey" tfault=""
	if [ "$i" -le "$payments" ]; then
		# Each point in turn, then the terminal's faults, then the portal's.
		np=${#points[@]} nt=${#tfaults[@]}
		point="${points[$((i % np))]}"
		tfault="${tfaults[$(((i / np) % nt))]}"
		fault="${faults[$(((i / (np * nt)) % ${#faults[@]}))]}"
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
		PORTAL_SIM_ARGS="$fault" KIOSK_ARGS="$kiosk_args")
	[ "$tender" = card ] || base+=(TERMINAL_SIM_DATA="$tdata" TERMINAL_SIM_ARGS="$tfault")
	envs=("${base[@]}")
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
		if [ "$journey" = "$cash_journey" ]; then
			# The kiosk comes back without the hook: the next attempt's kill then lands
			# in its own payment, not in this one's recovery.
			env -u KIOSK_CRASH_AT "${base[@]}" "$root/scripts/run-journey" "$here/restart.journey" \
				"$work/shots" >"$work/restart-$i.log" 2>&1 || {
				cat "$work/restart-$i.log" >&2
				echo "$name: the restart after payment $i failed" >&2
				exit 1
			}
		fi
	fi
	# One resident, one intent: never more than one payment (one key) per attempt.
	if [ $((after - before)) -gt 1 ]; then
		echo "$name: payment $i made $((after - before)) journal rows" >&2
		exit 1
	fi
	echo "$name: payment $i: ${point} ${tfault:+($tfault)} ${fault:+($fault)} -> status $status"
done

if [ "$tender" = terminal ] && [ -z "$basket" ]; then
	# A terminal outlives the kiosk. Killed while its Payment waits for a card, the kiosk must
	# Abort that Payment as it comes back, before anyone can hold a card to it: the terminal's
	# ledger then says aborted, never a charge nobody was shown.
	live="$work/live"
	mkdir -p "$live"
	"$build/bin/terminal-sim" --cert "$pki/terminal.pem" --key "$pki/terminal.key" \
		--data "$tdata" --port 0 --port-file "$live/tport" --admin-port 0 \
		--admin-port-file "$live/taport" >"$work/terminal-live.log" 2>&1 &
	live_pid=$!
	pids+=("$live_pid")
	for _ in $(seq 1 200); do [ -s "$live/tport" ] && [ -s "$live/taport" ] && break; sleep 0.05; done
	kills_before=$(kills) status=0
	live_env=(KIOSK_BUILD="$build" KIOSK_DATA="$kdata" PORTAL_SIM_DATA="$sdata"
		TERMINAL_SIM_DATA="$tdata" TERMINAL_SIM_PORTS="$live" KIOSK_ARGS="$kiosk_args")
	env "${live_env[@]}" KIOSK_CRASH_AT=card-wait "$root/scripts/run-journey" \
		"$here/pay-terminal-lost.journey" "$work/shots" >"$work/run-lost.log" 2>&1 || status=$?
	if [ "$status" -eq 0 ] || [ "$(kills)" -ne $((kills_before + 1)) ]; then
		cat "$work/run-lost.log" >&2
		echo "$name: the kiosk was not killed while the terminal waited for a card" >&2
		exit 1
	fi
	lost="$("$build/bin/kiosk" --list-payments --data-dir "$kdata" | tail -n 1 |
		sed -n 's/.*"idempotency_key":"\([^"]*\)".*/\1/p')"
	env -u KIOSK_CRASH_AT "${live_env[@]}" "$root/scripts/run-journey" \
		"$here/restart-terminal.journey" "$work/shots" >"$work/restart-lost.log" 2>&1 || {
		cat "$work/restart-lost.log" >&2
		sed 's/^/terminal-sim: /' "$work/terminal-live.log" >&2
		echo "$name: after the restart the terminal still waited for a card for $lost" >&2
		exit 1
	}
	kill "$live_pid" 2>/dev/null || true
	wait "$live_pid" 2>/dev/null || true
	lost_row="$("$build/bin/terminal-sim" ledger --data "$tdata" | grep -F "\"sale_transaction_id\":\"$lost\"" || true)"
	case "$lost_row" in
	*'"state":"aborted"'*) echo "$name: the lost payment $lost was aborted at the terminal" ;;
	*) echo "$name: the lost payment $lost is not aborted at the terminal: '${lost_row:-nothing}'" >&2; exit 1 ;;
	esac
fi

# The last restart: the kiosk reconciles everything, waiting out the grace period for a
# request that may have been on its way when it died (and, on the terminal's path, settles
# with the terminal, posts what the portal has not got yet and reverses what it refused).
"$build/bin/portal-sim" --cert "$pki/server.pem" --key "$pki/server.key" \
	--seal-key "$pki/seal.key" --data "$sdata" --port 0 --port-file "$work/port" \
	>"$work/sim.log" 2>&1 &
pids+=($!)
reconcile_args=(--portal-timeout-ms 2000)
if [ "$tender" = terminal ]; then
	"$build/bin/terminal-sim" --cert "$pki/terminal.pem" --key "$pki/terminal.key" \
		--data "$tdata" --port 0 --port-file "$work/tport" --admin-port 0 \
		--admin-port-file "$work/taport" >"$work/terminal-sim.log" 2>&1 &
	pids+=($!)
	for _ in $(seq 1 200); do [ -s "$work/tport" ] && break; sleep 0.05; done
	reconcile_args+=(--config "$work/fee.conf" --card terminal
		--terminal "https://127.0.0.1:$(cat "$work/tport")/nexo"
		--terminal-ca "$pki/terminal-ca.pem" --terminal-poi-id V400m-324688179)
fi
for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
"$build/bin/kiosk" --reconcile --data-dir "$kdata" --portal "https://127.0.0.1:$(cat "$work/port")" \
	--ca "$pki/ca.pem" "${reconcile_args[@]}" >>"$kdata/kiosk.log" 2>&1 || {
	tail -n 30 "$kdata/kiosk.log" >&2
	echo "$name: reconciliation left payments in doubt or unposted" >&2
	exit 1
}
if [ "$tender" = card ] || [ "$cash" -gt 0 ]; then
	# Cash the portal could not take at the time waits in the outbox: it goes now.
	"$build/bin/kiosk" --send-outbox --data-dir "$kdata" --portal "https://127.0.0.1:$(cat "$work/port")" \
		--ca "$pki/ca.pem" --portal-timeout-ms 2000 >>"$kdata/kiosk.log" 2>&1 || {
		tail -n 30 "$kdata/kiosk.log" >&2
		echo "$name: the outbox could not be emptied" >&2
		exit 1
	}
fi
if [ "$tender" = terminal ]; then
	summary="$("$here/compare-terminal.sh" "$build" "$kdata" "$sdata" "$tdata")" || {
		echo "$name: journal, terminal and portal disagree ($summary)" >&2
		exit 1
	}
else
	summary="$("$root/tests/money/compare.sh" "$build" "$kdata" "$sdata")" || {
		echo "$name: journal and ledger disagree ($summary)" >&2
		exit 1
	}
fi
if [ -n "$basket" ]; then
	baskets="$("$here/basket-check.sh" "$sdata/portal-sim.db" "$kdata/journal.sqlite")" || {
		echo "$name: $baskets" >&2
		exit 1
	}
	# The check itself must refuse a half basket: planted in copies, one kind at a time.
	"$here/basket-check.sh" --planted "$sdata/portal-sim.db" "$kdata/journal.sqlite" \
		"$work/planted" || exit 1
	summary="$summary $baskets"
fi
if [ "$cash" -gt 0 ]; then
	box="$("$here/cash-box.sh" "$build" "$kdata" "$sdata")" || {
		echo "$name: the cash box and the ledger disagree ($box)" >&2
		exit 1
	}
	summary="$summary; $box"
fi
echo "$name: $payments $tender and $cash cash attempts, $crashed killed, $told_approved shown approved; $summary"
case "$summary" in
*approved=0*) echo "$name: nothing was ever approved: the test proves nothing" >&2; exit 1 ;;
esac
if [ "$tender" = terminal ]; then
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
fi
echo "$name: zero lost, zero doubled"
