#!/usr/bin/env bash
# usage: verify-unit.sh <deb-dir>
# `systemd-analyze verify` on the packaged bridgecore-server.service inside a root made of the
# package's files plus the system's own units (so that multi-user.target and friends resolve):
# fails on a non-zero exit or on any message (unknown keys and bad values are only warnings to
# systemd). Then prints the offline `systemd-analyze security` exposure of the unit.
set -euo pipefail

deb_dir=$1
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
command -v systemd-analyze >/dev/null || fail "systemd-analyze missing (apt package systemd)"
shopt -s nullglob
debs=("$deb_dir"/*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb in $deb_dir (packaging_build_deb), found ${#debs[@]}"

work=$(mktemp -d "${TMPDIR:-/tmp}/bridgecore-unit-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "${debs[0]}" "$work/root"
unit=/lib/systemd/system/bridgecore-server.service
[ -f "$work/root$unit" ] || fail "the package has no $unit"
mkdir -p "$work/root/etc/systemd/system"
for u in /lib/systemd/system/*; do
    [ -e "$work/root$u" ] || cp -a "$u" "$work/root/lib/systemd/system/"
done

set +e
systemd-analyze verify --root="$work/root" "$unit" >"$work/verify.txt" 2>&1
rc=$?
set -e
cat "$work/verify.txt"
[ "$rc" -eq 0 ] || fail "systemd-analyze verify exited with $rc"
[ ! -s "$work/verify.txt" ] || fail "systemd-analyze verify complained (above)"
echo "systemd-analyze verify: clean"

systemd-analyze security --offline=true --root="$work/root" "$unit" 2>&1 | tail -1 || true
