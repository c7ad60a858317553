#!/bin/bash
# ThreadSanitizer on the whole kiosk: a payment journey (tests/tsan/payments.journey: a decline,
# two approvals with printed receipts) runs while this script changes settings through kioskctl
# 1,000 times (every live key, in turn, with values that keep the journey possible) and tries to
# rewrite kiosk.id (refused: the worker, heartbeat and portal clients read it). Passes when the
# journey held up to its payments, every change was answered truthfully, and ThreadSanitizer
# wrote no report (TSAN_OPTIONS log_path points into $TSAN_REPORTS; the Makefile sets both).
#   KIOSK_BUILD=build-tsan TSAN_REPORTS=dir [KIOSKCTL=build/bin/kioskctl] \
#	tests/tsan/settings-under-payment.sh
set -euo pipefail
. "$(dirname "$0")/../service/lib.sh"

reports="${TSAN_REPORTS:?TSAN_REPORTS must name the directory ThreadSanitizer writes to}"
# The client is not under test: a plain kioskctl (KIOSKCTL) saves TSan's start-up per call.
ctl="${KIOSKCTL:-$ctl}"
changes="${TSAN_CHANGES:-1000}"
c() { "$ctl" --socket "$sock" "$@"; }
# Never a vacuous pass: the kiosk under test must be a ThreadSanitizer build.
[[ "$(ldd "$kiosk")" == *libtsan* ]] || { echo "FAIL: $kiosk is not built with ThreadSanitizer" >&2; exit 1; }

start_journey "$here/tests/tsan/payments.journey"
wait_for_kiosk 1200

# KEY and the values it cycles through; each keeps the journey possible (timeouts longer than
# a step, payment limits above the bills, English sessions).
keys=(ui.idle_timeout_s ui.warning_s a11y.volume a11y.rate payments.max_payment_cents
	kiosk.help_text kiosk.out_of_service_message fleet.heartbeat_s a11y.high_contrast
	ui.languages a11y.speech ui.lang)
values=("60 90 120" "20 25 30" "50 100 150 200" "120 175 250" "500000 750000 1000000"
	"Need help? Ask at the front desk.|Staff are at window 2."
	"Pay at window 3.|You can pay online."
	"30 60 90" "true false" "en,es en" "off" "en")
start=$(date +%s)
n=0
while [ "$n" -lt "$changes" ]; do
	k=$((n % ${#keys[@]}))
	key=${keys[$k]}
	if [[ ${values[$k]} == *"|"* ]]; then IFS='|' read -r -a vs <<<"${values[$k]}"; else read -r -a vs <<<"${values[$k]}"; fi
	value=${vs[$(((n / ${#keys[@]}) % ${#vs[@]}))]}
	out="$(c config set "$key" "$value" --json 2>&1)" || fail "config set $key $value: $out"
	jq -e --arg v "$value" '.ok and .value == $v and (.applies | type == "string")' \
		<<<"$out" >/dev/null || fail "config set $key $value answered: $out"
	if [ $((n % 50)) -eq 0 ]; then
		# The old race: kiosk.id rewritten under the threads that read it. Refused now.
		if c config set kiosk.id "KIOSK-88-$n" >/dev/null 2>&1; then
			fail "kiosk.id was changed while the kiosk runs"
		fi
		c status --json | jq -e '.kiosk_id == "JOURNEY-01"' >/dev/null ||
			fail "status shows another kiosk id"
	fi
	n=$((n + 1))
done
echo "tsan: $changes settings changed in $(($(date +%s) - start)) s"

# The payments are in the journal, final, with the journey still running (it idles after them).
final=0
for _ in $(seq 1 1200); do
	final="$("$kiosk" --list-payments --data-dir "$work/data" 2>/dev/null |
		grep -c '"state":"\(approved\|declined\|receipt_printed\|confirmed\)"' || true)"
	[ "$final" -ge 3 ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
[ "$final" -ge 3 ] || fail "only $final of 3 payments are final in the journal"
grep -q "^journey: line" "$work/kiosk.log" && fail "the journey failed: $(grep '^journey:' "$work/kiosk.log")"
kill -0 "$pid" 2>/dev/null || fail "the kiosk stopped before the test did"

# A clean stop under TSan too: every thread joined, every message handed back.
kill -TERM -- "-$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
pid=""

if [ -n "$(ls -A "$reports" 2>/dev/null)" ]; then
	cat "$reports"/* >&2
	fail "ThreadSanitizer reported $(cat "$reports"/* | grep -c '^WARNING: ThreadSanitizer') problem(s)"
fi
if [ "$fails" -ne 0 ]; then
	echo "tsan: $fails failure(s); kiosk log:" >&2
	tail -n 40 "$work/kiosk.log" >&2
	exit 1
fi
echo "tsan: payments made, $changes settings changed, no ThreadSanitizer report"
