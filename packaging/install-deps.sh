#!/usr/bin/env bash
# Installs the Debian 12 packages BridgeCore Sync needs to build, test and run.
# Idempotent and quiet when everything is present; runs `apt-get update` only
# when something is missing.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config ccache
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6opengl6-dev
    qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    nlohmann-json3-dev libcpp-jwt-dev libssl-dev libsodium-dev zlib1g-dev libsqlite3-dev
    libpq-dev postgresql
    libgl-dev libxkbcommon-dev
    dpkg-dev file desktop-file-utils appstream
    python3  # the Odoo emulator of the tests (tests/odoo/odoo_emulator.py)
    ca-certificates  # the system CA store an https:// Odoo is verified against
    # Packaging checks (tests/packaging): lintian, systemd-analyze, the maintainer scripts' tools.
    lintian systemd adduser init-system-helpers iproute2 procps
)
# `install-deps.sh fuzz`: also clang and its libFuzzer runtime (make fuzz).
if [ "${1:-}" = fuzz ]; then
    packages+=(clang libclang-rt-dev)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
