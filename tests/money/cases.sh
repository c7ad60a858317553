# Sourced by the money tests that run one case of a table (faults.sh, terminal-faults.sh):
# pick_case SCRIPT CASES ARGS... prints the case names and exits for --list, refuses anything
# but one known case (exit 2), and otherwise sets `line` to that case's row.
pick_case() {
	local script="$1" cases="$2"
	shift 2
	if [ "${1:-}" = --list ]; then
		printf '%s\n' "$cases" | sed -n 's/|.*//p'
		exit 0
	fi
	[ $# -eq 1 ] || { echo "usage: $script CASE | --list" >&2; exit 2; }
	line="$(printf '%s\n' "$cases" | grep "^$1|" || true)"
	[ -n "$line" ] || { echo "$script: no case $1" >&2; exit 2; }
}
