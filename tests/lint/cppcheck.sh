#!/bin/sh
# Static analysis: cppcheck over app/ drivers/ tools/ with the checked-in suppressions; any
# finding fails (CTest lint.cppcheck). Run it by hand from anywhere: tests/lint/cppcheck.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

if ! command -v cppcheck >/dev/null 2>&1; then
	echo "cppcheck: not installed (scripts/install-deps installs it)" >&2
	exit 1
fi
cppcheck --version
exec cppcheck --enable=warning,performance,portability --std=c11 --language=c \
	-I . -D_GNU_SOURCE --inline-suppr --suppressions-list=.cppcheck-suppressions \
	--error-exitcode=1 --quiet -j "${CPPCHECK_JOBS:-1}" \
	--template='{file}:{line}: {severity} ({id}): {message}' \
	app drivers tools
