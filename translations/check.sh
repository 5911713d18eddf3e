#!/bin/sh
# Fails when a string the console translates (tr()) has no French or Arabic translation:
# lupdate, as update_translations runs it, over copies of the .ts files; every entry it leaves
# "unfinished" is listed. Usage: check.sh LUPDATE PROJECT_JSON TS_DIR
set -eu
lupdate=$1 project=$2 ts=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$ts/bridgecore_fr.ts" "$ts/bridgecore_ar.ts" "$tmp/"
"$lupdate" -silent -no-obsolete -locations none -project "$project" \
    -ts "$tmp/bridgecore_fr.ts" "$tmp/bridgecore_ar.ts"
missing=0
for f in "$tmp"/bridgecore_fr.ts "$tmp"/bridgecore_ar.ts; do
    # The source text of each message whose translation is unfinished.
    untranslated=$(awk '/<source>/ { src = $0 } /type="unfinished"/ { print src }' "$f")
    if [ -n "$untranslated" ]; then
        echo "$(basename "$f"): no translation for:"
        echo "$untranslated" | sed 's/^ *<source>\(.*\)<\/source>$/  \1/'
        missing=1
    fi
done
[ "$missing" = 0 ] && echo "every translated string has its French and Arabic translation"
exit "$missing"
