#!/bin/sh
# Checks a translation catalog against the texts the kiosk shows and prints.
#
#   tests/i18n/check-catalog.sh SOURCE_DIR WORK_DIR [PO_FILE]
#
# Builds WORK_DIR/kiosk.pot from:
#   - app/ and drivers/printer/, with xgettext and the keywords _, N_, notice:2, tr,
#     tr_text:2, i18n_tr:2;
#   - every string literal with a capital letter in app/core/core.c and
#     drivers/printer/receipt.c: everything they say is for people, and a message passed
#     through a variable or a ?: escapes the keywords;
#   - the decline messages portal-sim sends ("Card ..." in tools/portal-sim/cards.c, api.c),
#     which the result screen shows through _();
#   - tests/i18n/runtime-msgids.pot, texts only known at run time.
# Then it fails naming each msgid that PO_FILE (default ui-assets/po/es.po) lacks, leaves
# untranslated or marks fuzzy, and when msgfmt --check finds a fault (syntax, header, a
# translation that drops or changes a %s).
set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: check-catalog.sh SOURCE_DIR WORK_DIR [PO_FILE]" >&2
	exit 2
fi
src=$1
work=$2
po=${3:-$src/ui-assets/po/es.po}
mkdir -p "$work"
status=0

files=$(cd "$src" && find app drivers/printer -name '*.[ch]' | LC_ALL=C sort)
if [ -z "$files" ]; then
	echo "i18n: no sources found under $src/app and $src/drivers/printer" >&2
	exit 2
fi
# shellcheck disable=SC2086
(cd "$src" && xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
	--keyword=_ --keyword=N_ --keyword=notice:2 --keyword=tr --keyword=tr_text:2 \
	--keyword=i18n_tr:2 --keyword=NP_:1,2 --keyword=i18n_ntr:2,3 --package-name=kiosk --output="$work/extracted.pot" $files)
# --extract-all warns about every "" in the code: those warnings go to a log.
literals() { # OUT REGEXP FILE...
	out=$1 re=$2
	shift 2
	(cd "$src" && xgettext --from-code=UTF-8 --language=C --extract-all \
		--output="$work/$out-all.pot" "$@") 2>"$work/$out-xgettext.log"
	sed -i 's/charset=CHARSET/charset=UTF-8/' "$work/$out-all.pot"
	msggrep --msgid --extended-regexp --regexp="$re" --output-file="$work/$out.pot" \
		"$work/$out-all.pot"
}
literals literals '[A-Z]' app/core/core.c drivers/printer/receipt.c
literals portal '^Card [a-z]' tools/portal-sim/cards.c tools/portal-sim/api.c
sed -i 's/charset=CHARSET/charset=UTF-8/' "$work/extracted.pot"
msgcat --use-first --output-file="$work/kiosk.pot" "$work/extracted.pot" \
	"$work/literals.pot" "$work/portal.pot" "$src/tests/i18n/runtime-msgids.pot"
total=$(grep -c '^msgid ' "$work/kiosk.pot" || true)
echo "i18n: $((total - 1)) texts to translate (template: $work/kiosk.pot)"

# The catalog on its own.
if ! msgfmt --check --output-file=/dev/null "$po"; then
	echo "i18n: FAIL: msgfmt --check rejects $po" >&2
	status=1
fi

# The catalog against the template: missing msgids become untranslated in the merge.
msgmerge --quiet --no-fuzzy-matching --no-wrap --output-file="$work/merged.po" "$po" \
	"$work/kiosk.pot"
list_msgids() {
	# One msgid per line from a --no-wrap PO file, header skipped.
	sed -n 's/^msgid "\(..*\)"$/\1/p'
}
untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$work/merged.po" | list_msgids)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/merged.po" | list_msgids)
if [ -n "$untranslated" ]; then
	echo "i18n: FAIL: $po has no translation for:" >&2
	printf '%s\n' "$untranslated" | sed 's/^/i18n:   msgid "/; s/$/"/' >&2
	status=1
fi
if [ -n "$fuzzy" ]; then
	echo "i18n: FAIL: $po has these fuzzy (unused at run time; msgmerge also marks one fuzzy when its translation drops or changes a %s):" >&2
	printf '%s\n' "$fuzzy" | sed 's/^/i18n:   msgid "/; s/$/"/' >&2
	status=1
fi
# msgcmp agrees (and is what a reviewer would run by hand).
if ! msgcmp --no-fuzzy-matching "$po" "$work/kiosk.pot" >"$work/msgcmp.log" 2>&1; then
	[ "$status" -ne 0 ] || cat "$work/msgcmp.log" >&2
	status=1
fi
# With the template's c-format flags, msgfmt --check compares each %s with its msgid.
if ! msgfmt --check --output-file=/dev/null "$work/merged.po"; then
	echo "i18n: FAIL: a translation in $po does not keep the placeholders of its msgid" >&2
	status=1
fi

unused=$(msgattrib --only-obsolete --no-wrap "$work/merged.po" | sed -n 's/^#~ msgid "\(..*\)"$/\1/p')
if [ -n "$unused" ]; then
	echo "i18n: note: $po translates texts the kiosk no longer uses:"
	printf '%s\n' "$unused" | sed 's/^/i18n:   msgid "/; s/$/"/'
fi
if [ "$status" -eq 0 ]; then
	echo "i18n: $po translates all of them"
fi
exit "$status"
