#!/bin/bash
# The UI thread never waits on the network or the disk: runs the happy-path journey under
# strace and fails if the kiosk's main (UI) thread itself made a network or fsync call.
set -euo pipefail

here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KIOSK_BUILD:-$here/build}"
out="$build/journeys/ui-thread-io"
mkdir -p "$out"
trace="$out/strace.log"
rm -f "$trace"

command -v strace >/dev/null || { echo "ui-thread-io: strace missing (scripts/install-deps installs it)" >&2; exit 1; }

KIOSK_BUILD="$build" KIOSK_WRAPPER="strace -f -qq -o $trace -e trace=execve,connect,sendto,sendmsg,recvfrom,recvmsg,poll,fsync,fdatasync,sync_file_range" \
	"$here/scripts/run-journey" "$here/tests/journeys/happy-path.journey" "$out/shots"

# The first execve of the kiosk binary names the main thread (its tid is the process id).
main_tid="$(awk '/execve\(.*bin\/kiosk"/ {print $1; exit}' "$trace")"
[ -n "$main_tid" ] || { echo "ui-thread-io: kiosk not found in the trace" >&2; exit 1; }

total_net="$(grep -cE '^[0-9]+ +(connect|sendto|sendmsg|recvfrom|recvmsg)\(' "$trace" || true)"
total_sync="$(grep -cE '^[0-9]+ +(fsync|fdatasync|sync_file_range)\(' "$trace" || true)"
ui_calls="$(grep -E "^$main_tid +(connect|fsync|fdatasync|sync_file_range)\(" "$trace" | grep -v "AF_UNIX" || true)"
# recv/send on the UI thread are allowed only on the local X/Wayland socket, which the
# headless run does not have; any at all would be the portal.
ui_net="$(grep -E "^$main_tid +(sendto|sendmsg|recvfrom|recvmsg)\(" "$trace" | grep -v 'NETLINK' || true)"

echo "ui-thread-io: whole kiosk: $total_net network calls, $total_sync fsync calls (on worker threads)"
if [ "$total_net" -eq 0 ] || [ "$total_sync" -eq 0 ]; then
	echo "ui-thread-io: the trace saw no network or fsync at all; the test would prove nothing" >&2
	exit 1
fi
if [ -n "$ui_calls$ui_net" ]; then
	echo "ui-thread-io: the UI thread ($main_tid) made blocking calls:" >&2
	printf '%s\n%s\n' "$ui_calls" "$ui_net" >&2
	exit 1
fi
echo "ui-thread-io: the UI thread made no network or fsync call"
