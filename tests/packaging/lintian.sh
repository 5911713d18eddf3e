#!/usr/bin/env bash
# usage: lintian.sh <deb-dir>
# Runs lintian on the .deb: fails on any error or warning, lists the info tags found.
set -euo pipefail

deb_dir=$1
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
command -v lintian >/dev/null || fail "lintian missing (packaging/install-deps.sh installs it)"
shopt -s nullglob
debs=("$deb_dir"/*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb in $deb_dir (packaging_build_deb), found ${#debs[@]}"

start=$(date +%s)
# lintian refuses to run as root unless told; info tags are listed, not fatal.
set +e
lintian --allow-root --fail-on error,warning --display-info --tag-display-limit 0 "${debs[0]}" >"$deb_dir/lintian.txt" 2>&1
rc=$?
set -e
cat "$deb_dir/lintian.txt"
errors=$(grep -c '^E:' "$deb_dir/lintian.txt" || true)
warnings=$(grep -c '^W:' "$deb_dir/lintian.txt" || true)
infos=$(grep -c '^I:' "$deb_dir/lintian.txt" || true)
echo "lintian: $errors errors, $warnings warnings, $infos info tags in $(($(date +%s) - start)) s"
[ "$rc" -eq 0 ] || fail "lintian exited with $rc"
[ "$errors" -eq 0 ] || fail "lintian reported errors"
[ "$warnings" -eq 0 ] || fail "lintian reported warnings"
