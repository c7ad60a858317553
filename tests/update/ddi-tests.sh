#!/bin/sh
# The hawkBit DDI conversation end to end: kiosk-update poll against tools/ddi-sim.
#   ddi-tests.sh CASE   (BIN=<build>/bin)
. "$(dirname "$0")/lib.sh"

SIM_PID=""
trap '[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
LOG="$WORK/ddi.log"

start_sim() {
	"$BIN/ddi-sim" --port-file "$WORK/port" --tenant CITY --controller lobby-01 \
		--log "$LOG" "$@" 2>"$WORK/sim.err" &
	SIM_PID=$!
	for _ in $(seq 1 100); do
		[ -s "$WORK/port" ] && break
		sleep 0.1
	done
	[ -s "$WORK/port" ] || fail "ddi-sim did not start"
	URL="http://127.0.0.1:$(cat "$WORK/port")"
}

poll() {
	upd poll --ddi "$URL" --tenant CITY --controller lobby-01 --once
}

case_ddi_success() {
	setup_running
	make_bundle 2.0.0
	start_sim --bundle "$WORK/2.0.0.kbundle" --cut-first
	poll || fail "poll failed"
	# The first download was cut half-way and resumed from where it stopped.
	size=$(stat -c %s "$WORK/2.0.0.kbundle")
	grep -q "artifacts/2.0.0.kbundle range=0$" "$LOG" || fail "no first download"
	grep -q "artifacts/2.0.0.kbundle range=$((size / 2))$" "$LOG" ||
		{ cat "$LOG" >&2; fail "the download was not resumed at byte $((size / 2))"; }
	[ "$(grep -c 'artifacts/' "$LOG")" -eq 2 ] || fail "more than two download requests"
	grep -q '"execution":"proceeding","result":{"finished":"none","progress":{"cnt":2,"of":4}}' \
		"$LOG" || { cat "$LOG" >&2; fail "no progress feedback"; }
	[ "$(status_field active)" = a ] || fail "not switched to the new slot"
	grep -q "CLOSED" "$LOG" && fail "closed before the new version confirmed"
	# The kiosk restarts into 2.0.0, reports healthy, and the next poll reports success.
	upd boot >/dev/null
	touch "$ROOT/state/healthy"
	upd confirm --timeout 5 || fail "confirm failed"
	poll || fail "second poll failed"
	grep -q 'FEEDBACK 1 .*"execution":"closed".*"finished":"success"' "$LOG" ||
		{ cat "$LOG" >&2; fail "no final success feedback"; }
	grep -q "CLOSED 1 success" "$LOG" || fail "the sim did not close the action"
	# Nothing more to do: a third poll downloads nothing.
	before=$(grep -c 'artifacts/' "$LOG")
	poll || fail "third poll failed"
	[ "$(grep -c 'artifacts/' "$LOG")" -eq "$before" ] || fail "downloaded again"
	[ "$("$ROOT/current/bin/kiosk")" = "kiosk 2.0.0" ] || fail "2.0.0 does not run"
}

case_ddi_bad_bundle() {
	setup_running
	"$BIN/kiosk-sign" keygen "$WORK/rogue.key" "$WORK/rogue.pub" >/dev/null
	mkdir -p "$WORK/evil"
	echo evil >"$WORK/evil/kiosk"
	"$BIN/kiosk-sign" bundle --key "$WORK/rogue.key" --version 6.6.6 \
		--out "$WORK/evil.kbundle" "$WORK/evil" >/dev/null
	before=$(active_sum)
	start_sim --bundle "$WORK/evil.kbundle"
	poll 2>"$WORK/out" && fail "a rogue bundle was taken"
	grep -q 'FEEDBACK 1 .*"execution":"closed".*"finished":"failure"' "$LOG" ||
		{ cat "$LOG" >&2; fail "no failure feedback"; }
	grep -q 'signature does not verify' "$LOG" || fail "the feedback does not say why"
	[ "$(active_sum)" = "$before" ] || fail "the running slot changed"
	[ -z "$(ls "$ROOT/downloads")" ] || fail "the refused download was kept"
}

case_ddi_rollback() {
	setup_running
	make_bundle 2.0.0
	start_sim --bundle "$WORK/2.0.0.kbundle"
	poll || fail "poll failed"
	for _ in 1 2 3 4; do upd boot >/dev/null; done
	[ "$(status_field active)" = b ] || fail "not rolled back"
	poll || fail "poll after rollback failed"
	grep -q 'FEEDBACK 1 .*"finished":"failure".*did not report healthy' "$LOG" ||
		{ cat "$LOG" >&2; fail "no rollback feedback"; }
}

case_ddi_busy() {
	setup_running
	make_bundle 2.0.0
	make_bundle 3.0.0
	# 2.0.0 installed by hand is on trial when the server offers 3.0.0.
	upd install "$WORK/2.0.0.kbundle" >/dev/null 2>&1
	start_sim --bundle "$WORK/3.0.0.kbundle"
	poll 2>/dev/null && fail "installed over a version on trial"
	grep -q "CLOSED" "$LOG" && fail "the action was closed as failed"
	grep -q '"execution":"proceeding".*still on trial' "$LOG" || fail "no word of the trial"
	# The trial confirms; the next poll installs 3.0.0 from the kept download.
	upd mark-good >/dev/null
	poll || fail "poll after the trial failed"
	[ "$("$ROOT/current/bin/kiosk")" = "kiosk 3.0.0" ] || fail "3.0.0 does not run"
}

case_ddi_cancel() {
	setup_running
	make_bundle 2.0.0
	start_sim --bundle "$WORK/2.0.0.kbundle" --cancel
	poll || fail "poll failed"
	grep -q 'FEEDBACK cancel-100 .*"execution":"closed"' "$LOG" ||
		{ cat "$LOG" >&2; fail "cancel not acknowledged"; }
	grep -q 'artifacts/' "$LOG" && fail "downloaded a cancelled action"
	[ "$(status_field active)" = b ] || fail "the slot moved"
}

"case_$1"
echo "PASS: $1"
