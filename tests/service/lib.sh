# Shared by the tests that drive a running kiosk through kioskctl: a scratch directory, the
# kiosk's control socket in it, cleanup of the kiosk's process group, and fail().
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KIOSK_BUILD:-$here/build}"
ctl="$build/bin/kioskctl"
kiosk="$build/bin/kiosk"
work="$(mktemp -d "${TMPDIR:-/tmp}/$(basename "$0" .sh).XXXXXX")"
sock="$work/control.sock"
pid=""
fails=0

cleanup() {
	# The kiosk and portal-sim run in their own process group (setsid in start_journey).
	if [ -n "$pid" ]; then
		kill -TERM -- "-$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# start_journey FILE: the kiosk on FILE under scripts/run-journey, with its data, receipts and
# log in $work and its control socket at $sock; $pid is its process group.
start_journey() {
	mkdir -p "$work/data" "$work/sim" "$work/shots"
	KIOSK_DATA="$work/data" PORTAL_SIM_DATA="$work/sim" KIOSK_CONTROL_SOCKET="$sock" \
		setsid "$here/scripts/run-journey" "$1" "$work/shots" >"$work/kiosk.log" 2>&1 &
	pid=$!
}

# wait_for_kiosk [TRIES]: until kioskctl gets an answer on $sock (every 50 ms; default 300
# tries); exits the test with the kiosk's log if the kiosk stopped instead.
wait_for_kiosk() {
	for _ in $(seq 1 "${1:-300}"); do
		[ -S "$sock" ] && "$ctl" --socket "$sock" status >/dev/null 2>&1 && return 0
		kill -0 "$pid" 2>/dev/null || { cat "$work/kiosk.log" >&2; echo "FAIL: the kiosk stopped" >&2; exit 1; }
		sleep 0.05
	done
}
