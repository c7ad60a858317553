#!/bin/sh
# A fleet on loopback (issue 15): N kiosk agents (processes, one root each) poll one ddi-sim and
# take one rollout. Every kiosk installs exactly once, none fails on a busy lock (each "kiosk
# restart" runs boot and confirm while its poller runs), and the server never sees more than
# the expected poll rate: the sim is stopped while the agents start, so their first polls are
# answered in one burst, as after a server outage; the jitter must spread them out again.
#   fleet-rollout.sh [N]   (BIN=<build>/bin)
. "$(dirname "$0")/lib.sh"

N=${1:-200}
SLEEP=2 # the server's polling sleep, seconds
SIM_PID=""
cleanup() {
	[ -n "$SIM_PID" ] && kill -CONT "$SIM_PID" 2>/dev/null
	if [ -s "$WORK/pids" ]; then
		while read -r p; do kill "$p" 2>/dev/null || true; done <"$WORK/pids"
	fi
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null
	wait 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT
LOG="$WORK/ddi.log"
printf 'fleet-token\n' >"$WORK/token"

"$BIN/kiosk-sign" keygen "$KEY" "$PUB" >/dev/null
mkdir -p "$WORK/tree/bin"
printf '#!/bin/sh\necho "kiosk 2.0.0"\n' >"$WORK/tree/bin/kiosk"
chmod 755 "$WORK/tree/bin/kiosk"
"$BIN/kiosk-sign" bundle --key "$KEY" --version 2.0.0 --out "$WORK/2.0.0.kbundle" \
	"$WORK/tree" >/dev/null

# What kiosk.service does when the agent restarts it: count the start, come up healthy,
# confirm. Any exit status but 0 is recorded (75 would be "busy").
cat >"$WORK/restart.sh" <<EOF
#!/bin/sh
r=\$1
"$BIN/kiosk-update" --root "\$r" boot >/dev/null 2>>"\$r/restart.err" || echo "boot \$?" >>"\$r/restart.fail"
touch "\$r/state/healthy"
"$BIN/kiosk-update" --root "\$r" confirm --timeout 10 2>>"\$r/restart.err" || echo "confirm \$?" >>"\$r/restart.fail"
"$BIN/kiosk-update" --root "\$r" status >/dev/null 2>>"\$r/restart.err" || echo "status \$?" >>"\$r/restart.fail"
EOF

"$BIN/ddi-sim" --port-file "$WORK/port" --tenant CITY --fleet "$N" --target-token fleet-token \
	--bundle "$WORK/2.0.0.kbundle" --no-assign --sleep "00:00:0$SLEEP" --log "$LOG" \
	2>"$WORK/sim.err" &
SIM_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
[ -s "$WORK/port" ] || fail "ddi-sim did not start"
URL="http://127.0.0.1:$(cat "$WORK/port")"

# The server stalls while the fleet starts: every first poll waits, then all are answered at
# once.
kill -STOP "$SIM_PID"
started=$(date +%s)
i=1
while [ "$i" -le "$N" ]; do
	id=$(printf 'kiosk-%03d' "$i")
	r="$WORK/r$i"
	mkdir -p "$r"
	"$BIN/kiosk-update" --root "$r" --pubkey "$PUB" poll --ddi "$URL" --tenant CITY \
		--controller "$id" --token-file "$WORK/token" --interval "$SLEEP" \
		--on-switch "sh '$WORK/restart.sh' '$r' &" >"$r/agent.log" 2>&1 &
	echo $! >>"$WORK/pids"
	i=$((i + 1))
done
echo "started $N agents in $(($(date +%s) - started)) s"
sleep 3
kill -CONT "$SIM_PID"
released=$(date +%s%3N)
sleep $((4 * SLEEP))
curl -sf -X POST "$URL/admin/assign" >/dev/null || fail "the rollout could not be assigned"
assigned=$(date +%s%3N)

# Every kiosk reports success (bounded: the test fails rather than hangs).
deadline=$(($(date +%s) + 240))
while [ "$(grep -c '^CLOSED [0-9]* success$' "$LOG")" -lt "$N" ]; do
	[ "$(date +%s)" -lt "$deadline" ] ||
		fail "only $(grep -c '^CLOSED [0-9]* success$' "$LOG") of $N kiosks reported success"
	sleep 1
done
done_at=$(date +%s%3N)
sleep $((2 * SLEEP)) # a few more polls: nothing more may happen
ended=$(date +%s%3N)
while read -r p; do kill "$p" 2>/dev/null || true; done <"$WORK/pids"

grep -q '^CLOSED [0-9]* failure' "$LOG" && fail "a kiosk reported failure"
# Exactly one download per kiosk, each from byte 0 and never again.
grep 'artifacts/2.0.0.kbundle range=' "$LOG" |
	sed 's|.*/controller/v1/\([^/]*\)/.*|\1|' | sort | uniq -c >"$WORK/downloads"
[ "$(wc -l <"$WORK/downloads")" -eq "$N" ] || fail "$(wc -l <"$WORK/downloads") kiosks downloaded"
awk '$1 != 1 { bad = 1 } END { exit bad }' "$WORK/downloads" ||
	{ grep -v '^ *1 ' "$WORK/downloads" >&2; fail "a kiosk downloaded more than once"; }
i=1
while [ "$i" -le "$N" ]; do
	r="$WORK/r$i"
	[ -s "$r/restart.fail" ] && { cat "$r/restart.fail" "$r/restart.err" >&2; fail "kiosk $i: restart failed"; }
	grep -q "busy\|another kiosk-update" "$r/agent.log" "$r/restart.err" 2>/dev/null &&
		fail "kiosk $i met a busy lock"
	st=$("$BIN/kiosk-update" --root "$r" status | tr -d ' \n')
	case "$st" in
	*'"b":{"state":"good","version":"2.0.0"}'*'"active":"b"'*) ;;
	*) echo "$st" >&2; fail "kiosk $i does not run 2.0.0 confirmed" ;;
	esac
	[ "$(grep -c 'installed in slot' "$r/agent.log")" -eq 1 ] || fail "kiosk $i installed more than once"
	i=$((i + 1))
done

# The poll rate, per second, from one and a half sleeps after the burst on: at most 1.75 times
# the expected N / SLEEP. Kiosks polling in step put all N into one second.
from=$((released + SLEEP * 1500))
awk -v from="$from" -v to="$ended" -v n="$N" -v s="$SLEEP" -v t0="$released" \
	-v ta="$assigned" -v td="$done_at" '
	$1 == "POLL" && $3 >= t0 { polls++ }
	$1 == "POLL" && $3 >= from && $3 < to { b = int(($3 - from) / 1000); c[b]++; if (b > last) last = b }
	$1 ~ /^(POLL|GET|POST|PUT)$/ { all++ }
	END {
		expected = n / s
		for (i = 0; i < last; i++) { if (c[i] > max) max = c[i]; sum += c[i] }
		printf "fleet: %d agents, sleep %d s: polls/s expected %.0f, mean %.1f, busiest second %d (limit %.0f)\n", n, s, expected, sum / last, max, 1.75 * expected
		printf "fleet: rollout to %d kiosks took %.1f s; %d requests in all\n", n, (td - ta) / 1000, all
		exit max > 1.75 * expected
	}' "$LOG" || fail "the server saw more than the expected poll rate"
# Jitter: between the burst and the rollout, a kiosk's polls come 0.5 to 1.5 sleeps apart, so
# about 3 in 10 intervals are shorter than 0.8 sleeps. Without jitter none could be (a kiosk
# never polls before its sleep is over), and kiosks answered together would stay together.
awk -v from="$released" -v to="$assigned" -v s="$SLEEP" '
	$1 == "POLL" && $3 >= from && $3 < to {
		if ($2 in last) { n++; if ($3 - last[$2] < 800 * s) short++ }
		last[$2] = $3
	}
	END {
		printf "fleet: %d poll intervals before the rollout, %d (%.0f %%) shorter than 0.8 sleeps\n", n, short, 100 * short / n
		exit !(n > 0 && short >= 0.1 * n)
	}' "$LOG" || fail "the polls do not jitter"
echo "PASS: fleet of $N"
