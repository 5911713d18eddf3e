#!/bin/sh
# Fails when a string the console translates (tr()) has no French or Arabic translation:
# lupdate, as update_translations runs it, over copies of the .ts files; every entry it leaves
# "unfinished" is listed.
# Usage: check.sh CMAKE LUPDATE PROJECT_CMAKE GENERATE_PROJECT_SCRIPT TS_DIR
# The project description lupdate reads (JSON) exists only once the update_translations target
# has run, so it is made here, the way that target makes it, from the .cmake file that
# qt_add_translations writes at configure time.
set -eu
cmake=$1 lupdate=$2 project_cmake=$3 generate=$4 ts=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cmake" "-DIN_FILE=$project_cmake" "-DOUT_FILE=$tmp/project.json" -P "$generate"
cp "$ts/bridgecore_fr.ts" "$ts/bridgecore_ar.ts" "$tmp/"
"$lupdate" -silent -no-obsolete -locations none -project "$tmp/project.json" \
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
