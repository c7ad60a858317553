#!/bin/bash
# The kiosk's side of updates and systemd: READY=1 once after the first frame, WATCHDOG=1 no
# more often than WatchdogSec/2, the health mark only once the portal answered, and the
# session flag cleared at start.   kiosk-link.sh healthy|portal_down   (KIOSK_BUILD=<build>)
set -euo pipefail
build="${KIOSK_BUILD:?}"
bin="$build/bin"
pki="$build/pki"
work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-link.XXXXXX")
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
fail() {
	echo "FAIL: $*" >&2
	cat "$work/kiosk.log" >&2 || true
	exit 1
}

"$bin/portal-sim" --cert "$pki/server.pem" --key "$pki/server.key" --seal-key "$pki/seal.key" \
	--db "$work/portal.db" --port 0 --port-file "$work/port" >"$work/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
[ -s "$work/port" ] || fail "portal-sim did not start"
port=$(cat "$work/port")
if [ "$1" = portal_down ]; then
	kill "${pids[0]}"
	wait "${pids[0]}" 2>/dev/null || true
fi

"$bin/notify-listen" "$work/notify.sock" "$work/notify.log" &
pids+=($!)
for _ in $(seq 1 100); do [ -S "$work/notify.sock" ] && break; sleep 0.05; done

mkdir -p "$work/state"
touch "$work/state/session-active" # left by a crash: must not block updates
printf '[update]\nstate_dir = %s\nwindow = 02:00-05:00\n' "$work/state" >"$work/kiosk.conf"

# WatchdogSec=0.4 s: pings every 0.2 s at most.
NOTIFY_SOCKET="$work/notify.sock" WATCHDOG_USEC=400000 \
	"$bin/kiosk" --config "$work/kiosk.conf" --headless --portal "https://127.0.0.1:$port" \
	--ca "$pki/ca.pem" --seal-key "$pki/seal.pem" --data-dir "$work/data" --devices sim \
	>"$work/kiosk.log" 2>&1 &
kiosk=$!
pids+=($kiosk)
# Wait for the events rather than a fixed pause: a busy machine may take seconds to start.
wait_for() { # seconds, then a test command
	local n=$(($1 * 20))
	shift
	for _ in $(seq 1 "$n"); do "$@" && return 0; sleep 0.05; done
	return 1
}
ready_sent() { grep -q '^READY=1$' "$work/notify.log" 2>/dev/null; }
wait_for 60 ready_sent || fail "no READY=1 within 60 s"
if [ "$1" = healthy ]; then
	wait_for 60 test -e "$work/state/healthy" || fail "no health mark with the portal answering"
else
	sleep 3 # time enough to have asked the (absent) portal
fi
kill -0 "$kiosk" || fail "the kiosk died"
[ -e "$work/state/session-active" ] && fail "a stale session flag was kept"
# The quiet hours for the update agent (issue 15).
[ "$(cat "$work/state/update-window" 2>/dev/null)" = 02:00-05:00 ] ||
	fail "the update window was not left for the agent"
# The watchdog over a measured 2 s: at most one ping per WatchdogSec/2 (0.2 s), and it goes on.
p0=$(grep -c '^WATCHDOG=1$' "$work/notify.log" || true)
t0=$(date +%s%N)
sleep 2
p1=$(grep -c '^WATCHDOG=1$' "$work/notify.log" || true)
ms=$((($(date +%s%N) - t0) / 1000000))
kill -TERM "$kiosk"
wait "$kiosk" || true

ready=$(grep -c '^READY=1$' "$work/notify.log" || true)
pings=$((p1 - p0))
echo "READY=1 x$ready, WATCHDOG=1 x$pings in $ms ms"
[ "$ready" -eq 1 ] || fail "READY=1 sent $ready times"
# No more than one per 0.2 s (+1 for where the window falls); at least one: it keeps pinging.
[ "$pings" -ge 1 ] && [ "$pings" -le $((ms / 200 + 1)) ] || fail "$pings watchdog pings in $ms ms"
if [ "$1" = healthy ]; then
	[ -e "$work/state/healthy" ] || fail "no health mark with the portal answering"
else
	[ -e "$work/state/healthy" ] && fail "a health mark without a portal"
fi
echo "PASS: $1"
