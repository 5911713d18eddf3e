#!/usr/bin/env bash
# The test suite under a sanitizer preset, in its own build directory:
#   asan  AddressSanitizer + UBSan + LeakSanitizer (build/asan; every folder)
#   tsan  ThreadSanitizer (build/tsan; everything the tests run: not benchmarks, fuzz, packaging)
# LABELS (a ctest label regex) and TESTS (a ctest name regex) pick the tests, EXCLUDE (a name
# regex) leaves some out; with any of them, only the chosen tests' executables and the server and
# sync CLI they start are built. packaging_deb is always left out: it packages the default build
# and runs none of this build's code.
# A finding stops the process that has it (-fno-sanitize-recover, halt_on_error). Reports of
# every process — the test executables and the servers and CLIs they start — are written to
# build/<preset>/sanitizer-reports/; the run fails when any report is there and prints them, so
# a finding in a child process cannot go unnoticed.
#   LABELS='unit|integration' tests/sanitize.sh asan
#   TESTS='^Concurrent' tests/sanitize.sh tsan
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:?usage: tests/sanitize.sh asan|tsan}
labels=${LABELS:-}
tests=${TESTS:-}
jobs=${JOBS:-$(nproc)}
build=build/$preset
case $preset in
asan | tsan) ;;
*) echo "tests/sanitize.sh: unknown preset '$preset' (asan or tsan)" >&2; exit 2 ;;
esac

exclude='^packaging_deb$'
[ -n "${EXCLUDE:-}" ] && exclude="$exclude|$EXCLUDE"
filter=()
[ -n "$labels" ] && filter+=(-L "$labels")
[ -n "$tests" ] && filter+=(-R "$tests")

start=$SECONDS
cmake --preset "$preset" >/dev/null
if [ ${#filter[@]} -eq 0 ] && [ -z "${EXCLUDE:-}" ]; then
    cmake --build "$build" -j "$jobs"
else
    names=$(ctest --test-dir "$build" -N "${filter[@]}" -E "$exclude" | sed -n 's/^ *Test *#[0-9]*: //p')
    # A test's executable has the test's name (a _pg or _odoo run uses it without the suffix).
    names=$(printf '%s\n' $names | sed -E 's/_(pg|odoo)$//' | sort -u)
    targets=$(ninja -C "$build" -t targets all | sed -n 's/^\([A-Za-z0-9_-]*\): .*/\1/p' |
        sort -u | grep -Fx -f <(printf '%s\n' $names) || true)
    # shellcheck disable=SC2086
    cmake --build "$build" -j "$jobs" --target bridgecore-server bridgecore-sync $targets
fi
echo "sanitize $preset: build took $((SECONDS - start)) s"

reports=$PWD/$build/sanitizer-reports
rm -rf "$reports"
mkdir -p "$reports"
if [ "$preset" = asan ]; then
    export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:log_path=$reports/asan"
    export UBSAN_OPTIONS="print_stacktrace=1:log_path=$reports/ubsan"
    export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
else
    # history_size=7 (the most): the frame-based suppressions in tests/tsan.supp need the older
    # access's stack, which TSan otherwise fails to restore in the long-running gui tests.
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:history_size=7:log_path=$reports/tsan:suppressions=$PWD/tests/tsan.supp"
fi

start=$SECONDS
rc=0
ctest --test-dir "$build" --output-on-failure -j "$jobs" "${filter[@]}" -E "$exclude" ||
    rc=$?
echo "sanitize $preset: tests took $((SECONDS - start)) s"
# LeakSanitizer writes "==PID==Unable to get registers from thread N." when it cannot read a
# thread's registers at exit (seen once in CI, a thread in the middle of exiting); it then scans
# that thread's whole stack, which can only hide a leak, never invent one, and goes on. A file
# holding nothing but such notices is printed and is not a finding; any other line is.
notice='^==[0-9]+==Unable to get registers from thread [0-9]+\.$'
findings=0
for f in "$reports"/*; do
    [ -e "$f" ] || continue
    echo "==== $f"
    cat "$f"
    if grep -qvE "$notice" "$f"; then
        findings=$((findings + 1))
    fi
done
if [ "$findings" -gt 0 ]; then
    echo "sanitize $preset: $findings sanitizer report(s), above" >&2
    exit 1
fi
exit $rc
