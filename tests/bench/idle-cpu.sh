#!/bin/bash
# Measures what an idle kiosk costs: CPU time and wake-ups of a headless kiosk on its welcome
# screen over a window of seconds. Prints the figures and the machine. It fails only when
# the loop visibly polls (more than a few wake-ups a second), which is a bug, not noise.
set -euo pipefail

here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KIOSK_BUILD:-$here/build}"
bin="$build/bin"
pki="$build/pki"
secs="${IDLE_SECONDS:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-idle.XXXXXX")"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$bin/portal-sim" --cert "$pki/server.pem" --key "$pki/server.key" --seal-key "$pki/seal.key" \
	--db "$work/portal.db" --port 0 --port-file "$work/port" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
"$bin/kiosk" --headless --portal "https://127.0.0.1:$(cat "$work/port")" --ca "$pki/ca.pem" \
	--seal-key "$pki/seal.pem" --data-dir "$work/data" 2>"$work/kiosk.log" &
kiosk=$!
pids+=("$kiosk")
sleep 2 # start-up: fonts, first frame

# On-CPU time in nanoseconds, all threads (schedstat is exact; clock ticks are 10 ms).
cpu_ns() { cat /proc/"$kiosk"/task/*/schedstat | awk '{s += $1} END {printf "%d\n", s}'; }
wakeups() {
	local sum=0
	for t in /proc/"$kiosk"/task/*; do
		sum=$((sum + $(awk '/^voluntary_ctxt_switches/ {print $2}' "$t/status")))
	done
	echo "$sum"
}
t0="$(cpu_ns)"; w0="$(wakeups)"
sleep "$secs"
t1="$(cpu_ns)"; w1="$(wakeups)"
cpu_us=$(( (t1 - t0) / 1000 ))
wake=$((w1 - w0))

rss_kb="$(awk '/^VmHWM/ {print $2}' "/proc/$kiosk/status")"
echo "bench idle-cpu: machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo "bench idle-cpu: kiosk idle on the welcome screen for ${secs} s:"
echo "bench idle-cpu:   CPU time ${cpu_us} us, wake-ups ${wake} (all threads), peak RSS $((rss_kb / 1024)) MB"
awk -v us="$cpu_us" -v s="$secs" 'BEGIN {printf "bench: idle_cpu_percent %.4f\n", us / (s * 10000)}'
awk -v w="$wake" -v s="$secs" 'BEGIN {printf "bench: idle_wakeups_per_s %.2f\n", w / s}'
awk -v k="$rss_kb" 'BEGIN {printf "bench: peak_rss_mb %.1f\n", k / 1024}'
if [ "$wake" -gt $((secs * 5)) ]; then
	echo "bench idle-cpu: the idle loop is polling (${wake} wake-ups in ${secs} s)" >&2
	exit 1
fi
