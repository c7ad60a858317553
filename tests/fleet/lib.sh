# Shared by the fleet tests: a fresh portal-sim on a free loopback port, and the admin calls
# with which a test plays IT. Sourced; sets $work, $url, $bin, $pki, $sim. SIM_ARGS: more
# options for portal-sim (word-split).
build="${KIOSK_BUILD:?}"
bin="$build/bin"
pki="$build/pki"
work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-fleet.XXXXXX")
sim=""
kiosk=""
trap '[ -n "$kiosk" ] && kill "$kiosk" 2>/dev/null; [ -n "$sim" ] && kill "$sim" 2>/dev/null; rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*" >&2
	for f in "$work"/*.log; do
		[ -e "$f" ] || continue
		echo "--- $f" >&2
		tail -n 40 "$f" >&2
	done
	exit 1
}

"$bin/portal-sim" --cert "$pki/server.pem" --key "$pki/server.key" --seal-key "$pki/seal.key" \
	--db "$work/portal.db" --port 0 --port-file "$work/port" ${SIM_ARGS:-} >"$work/sim.log" 2>&1 &
sim=$!
for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
[ -s "$work/port" ] || fail "portal-sim did not start"
url="https://127.0.0.1:$(cat "$work/port")"

# admin PATH [JSON]: GET without a body, POST with one; prints the answer.
admin() {
	if [ $# -gt 1 ]; then
		curl -sf --cacert "$pki/ca.pem" -H "Content-Type: application/json" -d "$2" "$url$1"
	else
		curl -sf --cacert "$pki/ca.pem" "$url$1"
	fi
}

# wait_report KIOSK TEXT [SECONDS]: until the kiosk's last heartbeat, as the portal keeps it,
# contains TEXT (the compact JSON, e.g. '"session_active":true').
wait_report() {
	for _ in $(seq 1 $((${3:-10} * 10))); do
		admin "/admin/kiosks/$1" 2>/dev/null | grep -qF "$2" && return 0
		sleep 0.1
	done
	fail "the kiosk's heartbeat never said $2: $(admin "/admin/kiosks/$1")"
}

# The kiosk headless against this portal, one heartbeat a second; extra arguments follow.
start_kiosk() {
	"$bin/kiosk" --headless --portal "$url" --ca "$pki/ca.pem" --seal-key "$pki/seal.pem" \
		--data-dir "$work/data" --receipts "$work/receipts" --kiosk-id FLEET-01 \
		--heartbeat-s 1 "$@" >>"$work/kiosk.log" 2>&1 &
	kiosk=$!
}

# wait_kiosk WHAT: waits for the kiosk started by start_kiosk to end; its journey must pass.
wait_kiosk() {
	status=0
	wait "$kiosk" || status=$?
	kiosk=""
	[ "$status" = 0 ] || fail "$1 failed (status $status)"
}
