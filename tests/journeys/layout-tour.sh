#!/bin/bash
# The layout tour in one look, one language and one set of data: layout-tour.journey with the
# resident's data filled in, run with --check-layout (the journey's directive), --look and
# --lang. usage: layout-tour.sh LOOK LANG short|long
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
look="$1" lang="$2" data="$3"
case "$data" in
short) # the demo resident
	email="jane.rivera@example.org" name="JANE RIVERA" customer="100200300" last="Rivera" ;;
long) # portal-sim's long-data resident and account (docs/portal-api.md)
	email="maria.josefa.angela.darcy-dalessandro.nunez.penalba@springfield-ut.org"
	name="MARÍA JOSEFA ÁNGELA D'ARCY" customer="999888777" last="D'ALESSANDRO-NÚÑEZ PEÑALBA" ;;
*) echo "layout-tour.sh: data is short or long" >&2; exit 2 ;;
esac
build="${KIOSK_BUILD:-$here/build}"
work="$(mktemp -d "${TMPDIR:-/tmp}/layout-tour.XXXXXX")"
trap 'rm -rf "$work"' EXIT
variant="layout-tour-$look-$lang-$data"
sed -e "s|LAYOUT_EMAIL|$email|" -e "s|LAYOUT_PASSWORD|Kiosk-Demo-2026|" \
	-e "s|LAYOUT_NAME|$name|" -e "s|LAYOUT_CUSTOMER|$customer|" -e "s|LAYOUT_LAST|$last|" \
	"$here/tests/journeys/layout-tour.journey.in" >"$work/$variant.journey"
KIOSK_ARGS="--look $look --lang $lang ${KIOSK_ARGS:-}" \
	exec "$here/scripts/run-journey" "$work/$variant.journey" "$build/journeys/$variant"
