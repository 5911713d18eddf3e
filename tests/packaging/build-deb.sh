#!/usr/bin/env bash
# usage: build-deb.sh <build-dir> <out-dir>
# Builds the .deb from the build tree's CPackConfig.cmake into a fresh <out-dir>, for the other
# packaging tests (ctest fixture bridgecore_deb).
set -euo pipefail

build_dir=$1
out=$2

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

[ -f "$build_dir/CPackConfig.cmake" ] || fail "no CPackConfig.cmake in $build_dir (packaging/ not configured?)"
command -v dpkg-deb >/dev/null || fail "dpkg-deb missing (apt package dpkg)"
command -v dpkg-shlibdeps >/dev/null || fail "dpkg-shlibdeps missing (apt package dpkg-dev)"

rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)
if ! cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$out/cpack" >"$out/cpack.log" 2>&1; then
    cat "$out/cpack.log" >&2
    fail "cpack failed"
fi
shopt -s nullglob
debs=("$out"/cpack/*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb, found ${#debs[@]}: ${debs[*]}"
mv "${debs[0]}" "$out/"
rm -rf "$out/cpack/_CPack_Packages"
echo "built $(basename "${debs[0]}") ($(du -h "$out"/*.deb | cut -f1)) in $(($(date +%s) - start)) s"
