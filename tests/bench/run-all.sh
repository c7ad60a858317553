#!/bin/bash
# make bench: runs every benchmark, prints the figures and writes build/bench/results.json.
# Measurements, not pass/fail: quote medians and the machine.
set -euo pipefail

here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KIOSK_BUILD:-$here/build}"
bin="$build/bin"
pki="$build/pki"
out="$build/bench"
mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print 0; else if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
figure() { sed -n "s/^bench: $1 //p" "$2" | tail -n 1; }

machine="$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r)"
echo "bench: machine: $machine"

# Start-up: exec to the first frame presented, headless, 1080x1920; median of 10.
for i in $(seq 1 10); do
	t0="$(date +%s%N)"
	KIOSK_BENCH_FIRST_FRAME=1 "$bin/kiosk" --headless --portal https://127.0.0.1:9 \
		--ca "$pki/ca.pem" --seal-key "$pki/seal.pem" --data-dir "$work/startup" \
		>"$work/startup.out" 2>/dev/null
	t1="$(sed -n 's/^bench: first_frame_realtime_ns //p' "$work/startup.out")"
	echo $(( (t1 - t0) / 1000 )) | awk '{printf "%.1f\n", $1 / 1000}'
done >"$work/startup.txt"
startup="$(median <"$work/startup.txt")"
echo "bench: start-up to first frame, median of 10: ${startup} ms (runs: $(tr '\n' ' ' <"$work/startup.txt"))"

# Frame times per screen.
"$bin/bench_frames" | tee "$work/frames.txt"
frame_p99="$(figure frame_ms_p99 "$work/frames.txt")"

# Journal commits.
"$bin/bench_journal" | tee "$work/journal.txt"
journal_p99="$(figure journal_commit_ms_p99 "$work/journal.txt")"
journal_p50="$(figure journal_commit_ms_p50 "$work/journal.txt")"

# The bill validator's eSSP: bring-up and one encrypted poll, against the emulated device.
"$bin/bench_essp" | tee "$work/essp.txt"
essp_bringup="$(figure essp_bringup_ms_p50 "$work/essp.txt")"
essp_poll="$(figure essp_poll_roundtrip_us "$work/essp.txt")"

# Input to screen, lookup, payment end to end, printing; and connection reuse. Median of 5.
for i in 1 2 3 4 5; do
	KIOSK_BUILD="$build" "$here/scripts/run-journey" "$here/tests/bench/payment.journey" \
		"$work/shots" >"$work/pay-$i.out" 2>&1
done
cat "$work"/pay-*.out >"$work/pay.txt"
tap_ms="$(sed -n 's/^bench: tap_to_screen_ms //p' "$work/pay.txt" | median)"
lookup_ms="$(sed -n 's/^bench: lookup_ms //p' "$work/pay.txt" | median)"
payment_ms="$(sed -n 's/^bench: payment_ms //p' "$work/pay.txt" | median)"
print_ms="$(sed -n 's/^bench: print_ms //p' "$work/pay.txt" | median)"
reuse="$(sed -n 's/.*portal: \([0-9]*\) requests over \([0-9]*\) connections.*/\1 \2/p' "$work/pay-1.out" | tail -n 1)"
req="${reuse% *}"; conn="${reuse#* }"
per_handshake="$(awk -v r="$req" -v c="$conn" 'BEGIN {printf "%.1f", (c > 0 ? r / c : 0)}')"
echo "bench: tap to next screen: ${tap_ms} ms; bill lookup: ${lookup_ms} ms; payment (swipe to result): ${payment_ms} ms; print: ${print_ms} ms (medians of 5)"
echo "bench: portal: ${req} requests over ${conn} TLS connections = ${per_handshake} requests per handshake"

# Idle: 30 s on the welcome screen.
IDLE_SECONDS="${IDLE_SECONDS:-30}" KIOSK_BUILD="$build" "$here/tests/bench/idle-cpu.sh" | tee "$work/idle.txt"
idle_pct="$(figure idle_cpu_percent "$work/idle.txt")"
wakeups="$(figure idle_wakeups_per_s "$work/idle.txt")"
rss="$(figure peak_rss_mb "$work/idle.txt")"

soak_growth="null"
if [ -s "$out/soak.json" ]; then
	soak_growth="$(sed -n 's/.*"soak_rss_growth_mb": *\([-0-9.]*\).*/\1/p' "$out/soak.json")"
	[ -n "$soak_growth" ] || soak_growth="null"
fi

cat >"$out/results.json" <<JSON
{
  "machine": "$machine",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "startup_ms_median": $startup,
  "frame_ms_p99": $frame_p99,
  "input_to_screen_ms_median": $tap_ms,
  "lookup_ms_median": $lookup_ms,
  "payment_ms_median": $payment_ms,
  "print_ms_median": $print_ms,
  "idle_cpu_percent": $idle_pct,
  "idle_wakeups_per_s": $wakeups,
  "peak_rss_mb": $rss,
  "soak_rss_growth_mb": $soak_growth,
  "journal_commit_ms_p50": $journal_p50,
  "journal_commit_ms_p99": $journal_p99,
  "essp_bringup_ms_p50": $essp_bringup,
  "essp_poll_roundtrip_us": $essp_poll,
  "requests_per_handshake": $per_handshake
}
JSON
echo "bench: results in $out/results.json"
cat "$out/results.json"
