#!/usr/bin/env bash
# The test suite under AddressSanitizer + UBSan (preset asan, build/asan). ASAN_LABELS, a ctest
# label regex (default: every label), picks the tests; only their executables (and the server
# and sync CLI they start) are built. packaging_deb is left out: it packages, it runs no code.
#   ASAN_LABELS='unit|integration' tests/asan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
labels=${ASAN_LABELS:-}
jobs=${JOBS:-$(nproc)}
cmake --preset asan >/dev/null
if [ -z "$labels" ]; then
    cmake --build build/asan -j "$jobs"
else
    names=$(ctest --test-dir build/asan -N -L "$labels" | sed -n 's/^ *Test *#[0-9]*: //p')
    targets=$(ninja -C build/asan -t targets all | sed -n 's/^\([A-Za-z0-9_-]*\): .*/\1/p' |
        sort -u | grep -Fx -f <(printf '%s\n' $names) || true)
    # shellcheck disable=SC2086
    cmake --build build/asan -j "$jobs" --target bridgecore-server bridgecore-sync $targets
fi
# A finding fails its test (the build adds -fno-sanitize-recover); leaks too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
ctest --test-dir build/asan --output-on-failure -j "$jobs" ${labels:+-L "$labels"} \
    -E '^packaging_deb$'
