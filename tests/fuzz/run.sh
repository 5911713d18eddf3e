#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang, ASan + UBSan, only what they link) and
# runs each for FUZZ_SECONDS (default 60) on one core, starting from the committed seeds in
# tests/fuzz/corpus/<target>. New inputs go to build/fuzz/corpus/<target>, findings to
# build/fuzz/findings/. Prints one summary line per target; exits 1 if any target found
# something (copy the finding to tests/fuzz/regressions/<target>/ once it is fixed).
#   FUZZ_SECONDS=600 FUZZ_TARGETS="push gzip" tests/fuzz/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-push pull resolve login gzip query client}
build=build/fuzz

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "${JOBS:-2}"

mkdir -p "$build/findings"
failed=0
for t in $targets; do
    mkdir -p "$build/corpus/$t"
    log="$build/fuzz_$t.log"
    set +e
    "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -print_final_stats=1 \
        -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$build/findings/$t-" \
        "$build/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1
    rc=$?
    set -e
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
    corpus=$(find "$build/corpus/$t" -type f | wc -l)
    if [ "$rc" -ne 0 ]; then
        failed=1
        echo "fuzz_$t: FINDING (exit $rc) after ${execs:-?} runs; see $log and $build/findings/"
        grep -m5 -E 'ERROR|invariant|runtime error|Test unit written' "$log" || true
    else
        echo "fuzz_$t: ${seconds}s, ${execs:-?} runs, ${rate:-?} exec/s, ${cov:-cov ?}, corpus $corpus"
    fi
done
exit $failed
