#!/usr/bin/env bash
# usage: check-deb.sh <build-dir> [executable...]
# Builds the .deb with the build tree's CPackConfig.cmake in a fresh temporary directory and
# checks: package name, the listed executables in /usr/bin, the desktop file, the icon, the
# AppStream metainfo, computed library dependencies, and the desktop/metainfo files validate.
set -euo pipefail

build_dir=$1
shift
executables=("$@")

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

[ -f "$build_dir/CPackConfig.cmake" ] || fail "no CPackConfig.cmake in $build_dir (packaging/ not configured?)"
command -v dpkg-deb >/dev/null || fail "dpkg-deb missing (apt package dpkg)"
command -v dpkg-shlibdeps >/dev/null || fail "dpkg-shlibdeps missing (apt package dpkg-dev)"

work=$(mktemp -d "${TMPDIR:-/tmp}/bridgecore-deb-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

if ! cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    fail "cpack failed"
fi

shopt -s nullglob
debs=("$work"/out/*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb, found ${#debs[@]}: ${debs[*]}"
deb=${debs[0]}
echo "package: $(basename "$deb")"

name=$(dpkg-deb -f "$deb" Package)
[ "$name" = "bridgecore-sync" ] || fail "Package is '$name', expected bridgecore-sync"
maintainer=$(dpkg-deb -f "$deb" Maintainer)
[ -n "$maintainer" ] || fail "no Maintainer"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"

dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' >"$work/files"

expect_file() {
    grep -qx -- "$1" "$work/files" || {
        echo "--- package contents:" >&2
        cat "$work/files" >&2
        fail "missing $1"
    }
}

for exe in "${executables[@]}"; do
    expect_file "/usr/bin/$exe"
done
expect_file /usr/share/applications/bridgecore-console.desktop
expect_file /usr/share/icons/hicolor/scalable/apps/bridgecore-console.svg
expect_file /usr/share/metainfo/io.bridgecore.Console.metainfo.xml

# Runtime-loaded plugins are declared by hand; libraries come from dpkg-shlibdeps.
grep -q 'libqt6sql6-sqlite' <<<"$depends" || fail "Depends lacks libqt6sql6-sqlite"
if [ ${#executables[@]} -gt 0 ]; then
    grep -q 'libqt6core6' <<<"$depends" || fail "Depends lacks libqt6core6: shlibdeps did not run?"
    grep -q 'libc6' <<<"$depends" || fail "Depends lacks libc6: shlibdeps did not run?"
fi

# The installed files are the valid ones, and the desktop file points at what is installed.
dpkg-deb -x "$deb" "$work/root"
desktop="$work/root/usr/share/applications/bridgecore-console.desktop"
grep -qx 'Exec=bridgecore-console' "$desktop" || fail "desktop Exec is not bridgecore-console"
grep -qx 'Icon=bridgecore-console' "$desktop" || fail "desktop Icon is not bridgecore-console"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" || fail "desktop-file-validate"
else
    echo "note: desktop-file-validate not installed (desktop-file-utils); skipped"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$work/root/usr/share/metainfo/io.bridgecore.Console.metainfo.xml" ||
        fail "appstreamcli validate"
else
    echo "note: appstreamcli not installed (appstream); skipped"
fi
if command -v xmllint >/dev/null; then
    xmllint --noout "$work/root/usr/share/icons/hicolor/scalable/apps/bridgecore-console.svg" ||
        fail "icon is not well-formed XML"
fi
for exe in "${executables[@]}"; do
    [ -x "$work/root/usr/bin/$exe" ] || fail "/usr/bin/$exe is not executable"
done

echo "OK: $(wc -l <"$work/files") entries, executables: ${executables[*]:-none}"
