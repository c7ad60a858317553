#!/bin/bash
# The payment terminal's health where staff and IT look for it (issue 17): `kioskctl status`
# (text and --json) and the heartbeat at the portal say "unreachable" while the terminal
# reboots at start, then "ok" once a Diagnosis reaches it (tests/service/terminal-then-wait).
set -euo pipefail

. "$(dirname "$0")/lib.sh"

start_journey "$here/tests/service/terminal-then-wait.journey"
wait_for_kiosk 600

# until_state STATE TRIES: kioskctl --json status until the terminal is in STATE.
until_state() {
	for _ in $(seq 1 "$2"); do
		out="$("$ctl" --socket "$sock" --json status 2>/dev/null || true)"
		jq -e --arg s "$1" '.devices.payment_terminal.state == $s' <<<"$out" >/dev/null 2>&1 &&
			return 0
		kill -0 "$pid" 2>/dev/null || { cat "$work/kiosk.log" >&2; echo "FAIL: the kiosk stopped" >&2; exit 1; }
		sleep 0.1
	done
	return 1
}
# until_beat STATE: the portal's last heartbeat from the kiosk names the terminal in STATE.
until_beat() {
	for _ in $(seq 1 100); do
		hb="$(sqlite3 "$work/sim/portal-sim.db" "SELECT report FROM fleet_kiosks WHERE kiosk_id = 'JOURNEY-01'" 2>/dev/null || true)"
		grep -q "\"payment_terminal\":\"$1\"" <<<"$hb" && return 0
		sleep 0.1
	done
	return 1
}

# check STATE TRIES WHEN: kioskctl --json status, kioskctl status and the heartbeat all say
# the terminal is in STATE, within TRIES tenths of a second.
check() {
	until_state "$1" "$2" && ok "kioskctl --json: the terminal is $1 $3" ||
		fail "kioskctl --json status $3: $out"
	"$ctl" --socket "$sock" status >"$work/out" 2>&1
	grep -q "^payment terminal: $1" "$work/out" && ok "kioskctl status says $1" ||
		fail "kioskctl status: $(cat "$work/out")"
	until_beat "$1" && ok "the heartbeat says $1" || fail "heartbeat: $hb"
}
check unreachable 100 "while it reboots"
# Diagnosis every 10 s while the terminal is down: it is back within that.
check ok 200 "once it is back"

[ "$fails" -eq 0 ] || { tail -n 40 "$work/kiosk.log" >&2; exit 1; }
echo "terminal-status: passed"
