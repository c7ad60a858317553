#!/bin/sh
# The hawkBit DDI conversation end to end: kiosk-update poll against tools/ddi-sim.
#   ddi-tests.sh CASE   (BIN=<build>/bin)
. "$(dirname "$0")/lib.sh"

SIM_PID=""
SIM2_PID=""
POLLER_PID=""
cleanup() {
	for p in $POLLER_PID $SIM_PID $SIM2_PID; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT
LOG="$WORK/ddi.log"
printf 'secret-token\n' >"$WORK/token"

# start_sim [ddi-sim options]: one target, lobby-01, with the target token in $WORK/token.
start_sim() {
	rm -f "$WORK/port"
	"$BIN/ddi-sim" --port-file "$WORK/port" --tenant CITY --controller lobby-01 \
		--target-token secret-token --sleep 00:00:01 --log "$LOG" "$@" 2>"$WORK/sim.err" &
	SIM_PID=$!
	for _ in $(seq 1 100); do
		[ -s "$WORK/port" ] && break
		sleep 0.1
	done
	[ -s "$WORK/port" ] || fail "ddi-sim did not start"
	URL="http://127.0.0.1:$(cat "$WORK/port")"
}

stop_sim() {
	kill "$SIM_PID" 2>/dev/null || true
	wait "$SIM_PID" 2>/dev/null || true
	SIM_PID=""
}

poll() {
	upd poll --ddi "$URL" --tenant CITY --controller lobby-01 --token-file "$WORK/token" \
		--once "$@"
}

admin() {
	curl -sf -X POST "$URL/admin/$1" >/dev/null || fail "ddi-sim admin $1"
}

show() {
	cat "$LOG" >&2
	fail "$*"
}

# The kiosk starting the new version: counts the start, reports healthy, confirms.
kiosk_restarts_healthy() {
	upd boot >/dev/null
	touch "$ROOT/state/healthy"
	upd confirm --timeout 5 || fail "confirm failed"
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
		show "the download was not resumed at byte $((size / 2))"
	[ "$(grep -c 'artifacts/' "$LOG")" -eq 2 ] || fail "more than two download requests"
	grep -q '"execution":"proceeding","result":{"finished":"none","progress":{"cnt":2,"of":4}}' \
		"$LOG" || show "no progress feedback"
	[ "$(status_field active)" = a ] || fail "not switched to the new slot"
	grep -q "CLOSED" "$LOG" && fail "closed before the new version confirmed"
	# The kiosk restarts into 2.0.0, reports healthy, and the next poll reports success.
	kiosk_restarts_healthy
	poll || fail "second poll failed"
	grep -q 'FEEDBACK 1 .*"execution":"closed".*"finished":"success"' "$LOG" ||
		show "no final success feedback"
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
		show "no failure feedback"
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
		show "no rollback feedback"
}

case_ddi_busy() {
	setup_running
	make_bundle 2.0.0
	make_bundle 3.0.0
	# 2.0.0 installed by hand is on trial when the server offers 3.0.0.
	upd install "$WORK/2.0.0.kbundle" >/dev/null 2>&1
	start_sim --bundle "$WORK/3.0.0.kbundle"
	poll 2>/dev/null || fail "poll failed"
	grep -q "CLOSED" "$LOG" && fail "the action was closed as failed"
	grep -q '"execution":"proceeding".*still on trial' "$LOG" || show "no word of the trial"
	# The trial confirms; the next poll installs 3.0.0 from the kept download.
	upd mark-good >/dev/null
	poll || fail "poll after the trial failed"
	[ "$(grep -c 'artifacts/' "$LOG")" -eq 1 ] || fail "the kept download was fetched again"
	[ "$("$ROOT/current/bin/kiosk")" = "kiosk 3.0.0" ] || fail "3.0.0 does not run"
}

case_ddi_cancel() {
	setup_running
	make_bundle 2.0.0
	start_sim --bundle "$WORK/2.0.0.kbundle"
	admin cancel
	poll || fail "poll failed"
	grep -q 'CANCEL 1 .*"execution":"closed"' "$LOG" || show "cancel not acknowledged"
	grep -q 'CANCELED 1' "$LOG" || show "the sim did not take the acknowledgement"
	grep -q 'artifacts/' "$LOG" && fail "downloaded a cancelled action"
	[ "$(status_field active)" = b ] || fail "the slot moved"
}

# Issue 15: the poller holds the slots' lock only while it changes them; kiosk.service's boot,
# confirm and status work while it runs, and a second poller is refused.
case_ddi_poller_lock() {
	setup_running
	make_bundle 2.0.0
	start_sim --bundle "$WORK/2.0.0.kbundle"
	# Started directly, not through upd: a backgrounded shell function is a subshell, and
	# killing its pid would leave the poller itself running after the test.
	"$BIN/kiosk-update" --root "$ROOT" --pubkey "$PUB" poll --ddi "$URL" --tenant CITY \
		--controller lobby-01 --token-file "$WORK/token" --interval 1 \
		--on-switch "touch '$WORK/switched'" >"$WORK/poller.out" 2>&1 &
	POLLER_PID=$!
	for _ in $(seq 1 100); do
		[ -e "$WORK/switched" ] && break
		sleep 0.1
	done
	[ -e "$WORK/switched" ] || { cat "$WORK/poller.out" >&2; fail "the poller did not switch"; }
	# The poller sleeps between polls: every other command on the root still works.
	upd status >/dev/null || fail "status failed while the poller runs"
	upd boot || fail "boot failed while the poller runs"
	[ "$(status_field boot_attempts)" = 1 ] || fail "the trial start was not counted"
	touch "$ROOT/state/healthy"
	upd confirm --timeout 5 || fail "confirm failed while the poller runs"
	[ "$(slot_state a)" = good ] || fail "2.0.0 not confirmed"
	if upd poll --ddi "$URL" --tenant CITY --controller lobby-01 \
		--token-file "$WORK/token" --once >"$WORK/second.out" 2>&1; then
		fail "a second poller ran on the same root"
	fi
	grep -q "another poller" "$WORK/second.out" || fail "no word of the other poller"
	for _ in $(seq 1 100); do
		grep -q "CLOSED 1 success" "$LOG" && break
		sleep 0.1
	done
	grep -q "CLOSED 1 success" "$LOG" || show "the running poller did not report success"
	kill -0 "$POLLER_PID" || fail "the poller died"
}

# Issue 15: 410 (force-quit) and 404 (unknown action) to the final feedback end the action;
# the agent polls on and takes the next one.
case_ddi_gone() {
	setup_running
	make_bundle 2.0.0
	make_bundle 3.0.0
	start_sim --bundle "$WORK/2.0.0.kbundle"
	poll || fail "poll failed"
	kiosk_restarts_healthy
	admin quit # IT force-quits the action on the server before the kiosk reported
	poll || fail "poll after the force-quit failed"
	grep -q "GONE 1" "$LOG" || show "the final feedback did not meet 410"
	[ "$(upd status | jq -r .ddi.phase)" = idle ] || fail "the agent still holds action 1"
	stop_sim
	# A new server (a reinstalled hawkBit) that knows neither this kiosk's actions...
	start_sim --bundle "$WORK/3.0.0.kbundle" --action 7
	poll || fail "poll on the new server failed"
	grep -q 'artifacts/3.0.0.kbundle' "$LOG" || show "the next action was not taken"
	[ "$(status_field active)" = b ] || fail "3.0.0 not switched to"
	stop_sim
	# ...answers 404 to the result of action 7: dropped as well.
	kiosk_restarts_healthy
	start_sim --no-assign
	poll || fail "poll against the server that forgot failed"
	grep -q 'FEEDBACK 7 ' "$LOG" || show "the result of action 7 was not sent"
	[ "$(upd status | jq -r .ddi.phase)" = idle ] || fail "the agent still holds action 7"
}

# Issue 15: the server's update/maintenanceWindow and the kiosk's own quiet hours.
case_ddi_window() {
	setup_running
	make_bundle 2.0.0
	start_sim --bundle "$WORK/2.0.0.kbundle" --window unavailable
	poll || fail "poll failed"
	grep -q 'artifacts/2.0.0.kbundle' "$LOG" || show "not downloaded in advance"
	grep -q '"details":\["downloaded; waiting for the maintenance window"\]' "$LOG" ||
		show "no word of the maintenance window"
	[ "$(status_field active)" = b ] || fail "switched outside the maintenance window"
	[ "$(slot_state a)" = good ] || fail "installed outside the maintenance window"
	poll || fail "second poll failed"
	[ "$(grep -c 'waiting for the maintenance window' "$LOG")" -eq 1 ] ||
		fail "the waiting was reported more than once"
	# The window opens on the server, but the kiosk's quiet hours (2-3 h from now) are not on.
	admin 'window?state=available'
	h=$(date +%H)
	closed=$(printf '%02d:00-%02d:00' $(((1${h} - 100 + 2) % 24)) $(((1${h} - 100 + 3) % 24)))
	poll --window "$closed" || fail "poll in the window failed"
	grep -q "waiting for the kiosk's quiet hours ($closed)" "$LOG" ||
		show "no word of the quiet hours"
	[ "$(slot_state a)" = good ] || fail "installed outside the kiosk's quiet hours"
	[ "$(grep -c 'artifacts/' "$LOG")" -eq 1 ] || fail "downloaded twice"
	# The kiosk's own setting (its marks dir) overrides --window: now inside, and a resident is
	# at the kiosk: installed, not switched.
	printf '%02d:00-%02d:00\n' $(((1${h} - 100 + 23) % 24)) $(((1${h} - 100 + 1) % 24)) \
		>"$ROOT/state/update-window"
	touch "$ROOT/state/session-active"
	poll --window "$closed" || fail "poll in the quiet hours failed"
	[ "$(slot_state a)" = installed ] || fail "not installed in the quiet hours"
	[ "$(status_field active)" = b ] || fail "switched during a resident's session"
	rm "$ROOT/state/session-active"
	poll --window "$closed" || fail "poll after the session failed"
	[ "$(status_field active)" = a ] || fail "not switched after the session"
}

# Issue 15: update "skip" with no window is a download-only assignment.
case_ddi_download_only() {
	setup_running
	make_bundle 2.0.0
	start_sim --bundle "$WORK/2.0.0.kbundle" --download-only
	poll || fail "poll failed"
	grep -q '"execution":"downloaded"' "$LOG" || show "no downloaded feedback"
	grep -q "CLOSED 1 downloaded" "$LOG" || show "the sim did not close it"
	[ "$(slot_state a)" = good ] || fail "a download-only assignment was installed"
	[ -z "$(ls "$ROOT/downloads")" ] || fail "the download was kept after the action ended"
}

# Issue 15: the token goes to the configured server only; https needs the configured CA; plain
# http only to loopback.
case_ddi_origin() {
	setup_running
	make_bundle 2.0.0
	# Another server on this machine that records who calls it.
	rm -f "$WORK/port2"
	"$BIN/ddi-sim" --port-file "$WORK/port2" --tenant CITY --controller lobby-01 \
		--target-token other --log "$WORK/other.log" 2>/dev/null &
	SIM2_PID=$!
	for _ in $(seq 1 100); do [ -s "$WORK/port2" ] && break; sleep 0.1; done
	other="http://127.0.0.1:$(cat "$WORK/port2")"
	start_sim --bundle "$WORK/2.0.0.kbundle" --link-origin "$other"
	poll 2>"$WORK/out" || true
	[ ! -s "$WORK/other.log" ] || { cat "$WORK/other.log" >&2; fail "a request went to $other"; }
	grep -q "not this kiosk's resource" "$WORK/out" || { cat "$WORK/out" >&2; fail "no reason given"; }
	[ "$(slot_state a)" = good ] || fail "something was installed"
	# Plain http to another host, and https without a CA, are refused before any request.
	if upd poll --ddi http://hawkbit.example --tenant CITY --controller lobby-01 \
		--token-file "$WORK/token" --once 2>"$WORK/out"; then fail "plain http accepted"; fi
	grep -q "plain http is allowed only" "$WORK/out" || fail "no reason for plain http"
	if upd poll --ddi https://127.0.0.1:1 --tenant CITY --controller lobby-01 \
		--token-file "$WORK/token" --once 2>"$WORK/out"; then fail "https without a CA"; fi
	grep -q "needs the CA" "$WORK/out" || fail "no reason for the missing CA"
}

# Issue 15: https with the configured CA, the "download" (https) link; another CA is refused.
case_ddi_tls() {
	setup_running
	make_bundle 2.0.0
	for ca in ca other; do
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
			-subj "/CN=$ca" -keyout "$WORK/$ca.key" -out "$WORK/$ca.pem" 2>/dev/null
	done
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=127.0.0.1 \
		-keyout "$WORK/srv.key" -out "$WORK/srv.csr" 2>/dev/null
	printf 'subjectAltName=IP:127.0.0.1\n' >"$WORK/ext"
	openssl x509 -req -in "$WORK/srv.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" \
		-CAcreateserial -days 2 -extfile "$WORK/ext" -out "$WORK/srv.pem" 2>/dev/null
	start_sim --bundle "$WORK/2.0.0.kbundle" --tls-cert "$WORK/srv.pem" --tls-key "$WORK/srv.key"
	URL="https://127.0.0.1:$(cat "$WORK/port")"
	poll --ca "$WORK/other.pem" 2>"$WORK/out" && fail "a server from another CA was trusted"
	grep -q 'artifacts/' "$LOG" && fail "downloaded from an untrusted server"
	poll --ca "$WORK/ca.pem" || fail "poll over https failed"
	grep -q 'artifacts/2.0.0.kbundle' "$LOG" || show "not downloaded over https"
	[ "$(slot_state a)" = trying ] || fail "not installed over https"
}

# Issue 15: downloads are bounded (size, free space) and never outlive their action.
case_ddi_download_bounds() {
	setup_running
	make_bundle 2.0.0
	# A partial download of an action the server no longer offers goes.
	head -c 1000 /dev/urandom >"$ROOT/downloads/action-41.bundle"
	start_sim --bundle "$WORK/2.0.0.kbundle" --overlong
	poll 2>/dev/null && fail "an endless download succeeded"
	[ ! -e "$ROOT/downloads/action-41.bundle" ] || fail "an old partial download was kept"
	grep -q 'FEEDBACK 1 .*"finished":"failure".*sent more than the' "$LOG" ||
		show "the endless download was not failed"
	[ -z "$(ls "$ROOT/downloads")" ] || fail "the partial download was kept"
	stop_sim
	before=$(grep -c 'artifacts/' "$LOG")
	start_sim --bundle "$WORK/2.0.0.kbundle" --action 2
	poll --disk-reserve-mb 100000000 2>/dev/null && fail "downloaded without room"
	grep -q 'FEEDBACK 2 .*"finished":"failure".*not enough disk space' "$LOG" ||
		show "no word of the disk space"
	[ "$(grep -c 'artifacts/' "$LOG")" -eq "$before" ] || fail "a download began without room"
}

# Issue 15: 4xx on a download fails the action; 5xx is resumed later.
case_ddi_download_errors() {
	setup_running
	make_bundle 2.0.0
	start_sim --bundle "$WORK/2.0.0.kbundle" --artifact-status 403
	poll 2>/dev/null && fail "a 403 download succeeded"
	grep -q 'FEEDBACK 1 .*"execution":"closed".*"finished":"failure".*HTTP 403' "$LOG" ||
		show "403 not reported as a failure"
	grep -q 'will resume' "$LOG" && fail "403 was taken for a passing error"
	stop_sim
	start_sim --bundle "$WORK/2.0.0.kbundle" --artifact-status 503 --action 2
	poll 2>/dev/null && fail "a 503 download succeeded"
	grep -q 'FEEDBACK 2 .*"proceeding".*will resume' "$LOG" || show "503 not resumable"
	grep -q 'CLOSED 2' "$LOG" && fail "503 closed the action"
	[ "$(upd status | jq -r .ddi.phase)" = downloading ] || fail "the action was dropped"
}

# Issue 15: cancels are seen while an action waits to switch (installed, emptied) or is on
# trial (rejected, the action goes on); a cancelled download is deleted.
case_ddi_cancel_late() {
	setup_running
	make_bundle 2.0.0
	start_sim --bundle "$WORK/2.0.0.kbundle" --window unavailable
	poll || fail "poll failed"
	[ -n "$(ls "$ROOT/downloads")" ] || fail "nothing downloaded ahead of the window"
	admin cancel
	poll || fail "poll with the cancel failed"
	grep -q 'CANCELED 1' "$LOG" || show "cancel of a waiting download not acknowledged"
	[ -z "$(ls "$ROOT/downloads")" ] || fail "the cancelled download was kept"
	stop_sim
	# Installed, waiting for the resident to leave: a cancel empties the slot.
	start_sim --bundle "$WORK/2.0.0.kbundle" --action 2
	touch "$ROOT/state/session-active"
	poll || fail "poll failed"
	[ "$(slot_state a)" = installed ] || fail "not installed"
	admin cancel
	poll || fail "poll with the cancel failed"
	grep -q 'CANCELED 2' "$LOG" || show "cancel of an installed action not acknowledged"
	[ "$(slot_state a)" = empty ] || fail "the cancelled version is still installed"
	rm "$ROOT/state/session-active"
	poll || fail "poll after the session failed"
	[ "$(status_field active)" = b ] || fail "switched to a cancelled version"
	stop_sim
	# On trial: the cancel is rejected, the action goes on and gets its result.
	start_sim --bundle "$WORK/2.0.0.kbundle" --action 3
	poll || fail "poll failed"
	[ "$(status_field active)" = a ] || fail "not switched"
	admin cancel
	poll || fail "poll with the cancel failed"
	grep -q 'CANCEL-REJECTED 3' "$LOG" || show "the cancel on trial was not rejected"
	kiosk_restarts_healthy
	poll || fail "poll after confirm failed"
	grep -q 'CLOSED 3 success' "$LOG" || show "no result after the rejected cancel"
}

# Issue 15: confirmationBase (user consent): confirmed by default, left to staff when set so.
case_ddi_confirm() {
	setup_running
	make_bundle 2.0.0
	start_sim --bundle "$WORK/2.0.0.kbundle" --confirm --attributes
	poll --staff-confirms || fail "poll failed"
	grep -q 'CONFIRM 1 .*"confirmation":"denied".*confirm the action in hawkBit' "$LOG" ||
		show "no word that staff must confirm"
	poll --staff-confirms || fail "second poll failed"
	[ "$(grep -c 'CONFIRM 1' "$LOG")" -eq 1 ] || fail "denied more than once"
	grep -q 'artifacts/' "$LOG" && fail "downloaded an unconfirmed action"
	# configData: the kiosk's attributes, PUT with mode merge, once.
	grep -q 'ATTRIBUTES lobby-01 .*"mode":"merge"' "$LOG" || show "no attributes"
	for k in kiosk_id version slot hardware last_health; do
		grep 'ATTRIBUTES' "$LOG" | grep -q "\"$k\":\"[^\"]" || show "attribute $k missing"
	done
	grep -q '"version":"1.0.0"' "$LOG" || fail "the running version is not reported"
	[ "$(grep -c 'ATTRIBUTES' "$LOG")" -eq 1 ] || fail "attributes sent more than once"
	stop_sim
	start_sim --bundle "$WORK/2.0.0.kbundle" --confirm --action 2
	poll || fail "poll failed"
	grep -q 'CONFIRM 2 .*"confirmation":"confirmed"' "$LOG" || show "not confirmed"
	poll || fail "poll after confirming failed"
	[ "$(slot_state a)" = trying ] || fail "the confirmed action was not installed"
}

# Issue 15: GatewayToken auth, and a clear word when a token is refused.
case_ddi_gateway() {
	setup_running
	make_bundle 2.0.0
	printf 'gw-secret\n' >"$WORK/gateway"
	start_sim --bundle "$WORK/2.0.0.kbundle" --gateway-token gw-secret
	upd poll --ddi "$URL" --tenant CITY --controller lobby-01 \
		--gateway-token-file "$WORK/gateway" --once || fail "gateway poll failed"
	[ "$(slot_state a)" = trying ] || fail "nothing installed with the gateway token"
	printf 'wrong\n' >"$WORK/token"
	poll 2>"$WORK/out" && fail "a wrong token was taken"
	grep -q "token was refused" "$WORK/out" || { cat "$WORK/out" >&2; fail "no word of the token"; }
	grep -q "UNAUTHORIZED" "$LOG" || fail "the sim did not refuse"
}

# Issue 15: a deployment with more than one bundle is failed, nothing installed.
case_ddi_two_bundles() {
	setup_running
	make_bundle 2.0.0
	start_sim --bundle "$WORK/2.0.0.kbundle" --extra-bundle
	poll 2>/dev/null && fail "a two-bundle deployment was taken"
	grep -q 'FEEDBACK 1 .*"finished":"failure".*exactly one .kbundle artifact; it carries 2' \
		"$LOG" || show "no clear failure"
	grep -q 'artifacts/' "$LOG" && fail "downloaded from a two-bundle deployment"
	[ "$(slot_state a)" = good ] || fail "something was installed"
}

# Issue 15: an older bundle from the server is refused, and the feedback says why.
case_ddi_downgrade() {
	setup_running
	make_bundle 0.9.0
	start_sim --bundle "$WORK/0.9.0.kbundle"
	poll 2>/dev/null && fail "a downgrade was installed"
	grep -q 'FEEDBACK 1 .*"finished":"failure".*older than the running 1.0.0.*does not allow a downgrade' \
		"$LOG" || show "the feedback does not say why"
	[ "$(slot_state a)" = good ] || fail "the older version was installed"
}

# Issue 15: ddi-sim answers as hawkBit does (401, 404, 410, 400, ids, hashes, links).
case_ddi_sim_strict() {
	make_bundle_unsigned() { head -c 5000 /dev/urandom >"$WORK/x.kbundle"; }
	make_bundle_unsigned
	start_sim --bundle "$WORK/x.kbundle" --action 5
	api="$URL/CITY/controller/v1/lobby-01"
	auth="Authorization: TargetToken secret-token"
	code() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }
	[ "$(code "$api")" = 401 ] || fail "no 401 without a token"
	[ "$(code -H 'Authorization: TargetToken nope' "$api")" = 401 ] || fail "no 401, bad token"
	[ "$(code -H "$auth" "$URL/CITY/controller/v1/stranger")" = 401 ] || fail "unknown target"
	[ "$(code -H "$auth" "$api")" = 200 ] || fail "no 200 with the token"
	jq -e '._links.deploymentBase.href | test("/deploymentBase/5[?]c=")' "$WORK/body" \
		>/dev/null || fail "deploymentBase link"
	[ "$(code -H "$auth" "$api/deploymentBase/5")" = 200 ] || fail "deployment"
	jq -e '.id == "5" and .deployment.download == "forced" and .deployment.update == "forced"
		and (.deployment | has("maintenanceWindow") | not)' "$WORK/body" >/dev/null ||
		fail "deployment fields"
	jq -e '.deployment.chunks[0].artifacts[0] | (.hashes | has("sha1") and has("md5") and
		has("sha256")) and (._links | has("download") and has("download-http")) and
		(.size == 5000)' "$WORK/body" >/dev/null || fail "artifact fields"
	fb() { code -H "$auth" -H 'Content-Type: application/json' -d "$2" "$api/$1"; }
	[ "$(fb deploymentBase/5/feedback '{"status":{"execution":"bogus","result":{"finished":"none"}}}')" = 400 ] ||
		fail "a bad execution was taken"
	[ "$(fb deploymentBase/9/feedback '{"status":{"execution":"closed","result":{"finished":"success"}}}')" = 404 ] ||
		fail "feedback for an unknown action"
	[ "$(fb deploymentBase/5/feedback '{"status":{"execution":"rejected","result":{"finished":"none"}}}')" = 200 ] ||
		fail "rejected feedback"
	code -H "$auth" "$api" >/dev/null
	jq -e '._links.deploymentBase' "$WORK/body" >/dev/null || fail "rejected closed the action"
	[ "$(fb deploymentBase/5/feedback '{"status":{"execution":"closed","result":{"finished":"success"}}}')" = 200 ] ||
		fail "closed feedback"
	[ "$(fb deploymentBase/5/feedback '{"status":{"execution":"closed","result":{"finished":"success"}}}')" = 410 ] ||
		fail "no 410 for a closed action"
	admin assign
	admin cancel
	code -H "$auth" "$api" >/dev/null
	jq -e '._links.cancelAction.href | test("/cancelAction/6$")' "$WORK/body" >/dev/null ||
		fail "cancel link"
	[ "$(code -H "$auth" "$api/cancelAction/6")" = 200 ] || fail "cancel action"
	jq -e '.id == "6" and .cancelAction.stopId == "6"' "$WORK/body" >/dev/null ||
		fail "cancel ids differ"
	admin 'window?state=unavailable'
	admin assign
	code -H "$auth" "$api/deploymentBase/7" >/dev/null
	jq -e '.deployment.update == "skip" and .deployment.maintenanceWindow == "unavailable"' \
		"$WORK/body" >/dev/null || fail "a closed maintenance window"
}

"case_$1"
echo "PASS: $1"
