#!/usr/bin/env bash
# The asan preset adds its sanitizer flags to the user's compiler flags instead of replacing
# them: configures the preset (only core/protocol) with flags from CXXFLAGS and from
# -DCMAKE_CXX_FLAGS, and checks that a compile command carries both those and -fsanitize.
set -euo pipefail
src=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check() { # <build dir> <expected flag>
    local cmd
    cmd=$(grep -m1 '"command".*Protocol.cpp' "$1/compile_commands.json" || true)
    for flag in "$2" -fsanitize=address,undefined; do
        if [[ "$cmd" != *"$flag"* ]]; then
            echo "asan preset: '$flag' missing from: ${cmd:-<no compile command>}" >&2
            exit 1
        fi
    done
}
cd "$src"
CXXFLAGS=-DBRIDGECORE_FROM_ENV cmake --preset asan -B "$work/env" \
    -DBRIDGECORE_PARTS=core/protocol >/dev/null
check "$work/env" -DBRIDGECORE_FROM_ENV
cmake --preset asan -B "$work/cache" -DBRIDGECORE_PARTS=core/protocol \
    -DCMAKE_CXX_FLAGS=-DBRIDGECORE_FROM_CACHE >/dev/null
check "$work/cache" -DBRIDGECORE_FROM_CACHE
echo "asan preset keeps CXXFLAGS and CMAKE_CXX_FLAGS"
