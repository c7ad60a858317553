#!/bin/sh
# portal-sim bills: every demo bill gets a Code 128 and a QR picture, and an independent
# decoder (zbarimg) reads from each the text portal-sim printed for that bill. Rivera's text
# was worked out by hand (docs/portal-api.md), so the format itself is checked too.
set -eu
sim="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$sim" bills --db "$work/portal.db" --out "$work/out" >"$work/list"
cat "$work/list"
[ "$(wc -l <"$work/list")" -eq 4 ] || { echo "expected 4 demo bills" >&2; exit 1; }
grep -q '^100200300  UB11002003002026112000000841776 ' "$work/list" ||
	{ echo "Rivera's barcode text is not the documented one" >&2; exit 1; }
while read -r number text _; do
	for kind in code128:CODE-128 qr:QR-Code; do
		file="$work/out/bill-$number-${kind%%:*}.png"
		got="$(zbarimg -q "$file" 2>/dev/null)"
		if [ "$got" != "${kind#*:}:$text" ]; then
			echo "$file: zbarimg read '$got', expected '${kind#*:}:$text'" >&2
			exit 1
		fi
		echo "$file: $got"
	done
done <"$work/list"
