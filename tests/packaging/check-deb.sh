#!/usr/bin/env bash
# usage: check-deb.sh <deb-dir> [executable...]
# Checks the .deb that build-deb.sh left in <deb-dir>: package name, the listed executables in
# /usr/bin, the desktop file, the icon, the AppStream metainfo, the server's systemd unit and
# /etc/bridgecore/server.json (a conffile that `serve` accepts), the maintainer scripts, the
# Debian copyright and changelog, computed library dependencies, and that the desktop and
# metainfo files validate.
set -euo pipefail

deb_dir=$1
shift
executables=("$@")

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/bridgecore-deb-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

shopt -s nullglob
debs=("$deb_dir"/*.deb)
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
expect_file /lib/systemd/system/bridgecore-server.service
expect_file /etc/bridgecore/server.json
expect_file /usr/share/doc/bridgecore-sync/copyright
expect_file /usr/share/doc/bridgecore-sync/changelog.gz

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

# Maintainer scripts and the conffile list.
dpkg-deb -e "$deb" "$work/control"
for script in postinst prerm postrm; do
    [ -x "$work/control/$script" ] || fail "no executable $script in the control archive"
    sh -n "$work/control/$script" || fail "$script is not valid sh"
done
grep -qx /etc/bridgecore/server.json "$work/control/conffiles" ||
    fail "/etc/bridgecore/server.json is not listed in conffiles"
grep -q 'adduser' <<<"$depends" || fail "Depends lacks adduser (postinst runs it)"
grep -q 'init-system-helpers' <<<"$depends" || fail "Depends lacks init-system-helpers (deb-systemd-helper)"

# The unit runs the packaged binary with the packaged configuration, as the bridgecore user.
unit="$work/root/lib/systemd/system/bridgecore-server.service"
for line in 'User=bridgecore' 'StateDirectory=bridgecore' 'Restart=on-failure' \
    'ExecStart=/usr/bin/bridgecore-server serve --config /etc/bridgecore/server.json' \
    'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' 'NoNewPrivileges=yes' \
    'ReadWritePaths=/var/lib/bridgecore' 'WantedBy=multi-user.target'; do
    grep -qx -- "$line" "$unit" || fail "the unit lacks the line: $line"
done

# The shipped configuration holds the documented defaults and the server accepts it.
config="$work/root/etc/bridgecore/server.json"
for pair in '"listen": "127.0.0.1:8000"' '"db": "/var/lib/bridgecore/sync.db"' \
    '"jwt_secret_file": "/etc/bridgecore/jwt-secret"'; do
    grep -qF -- "$pair" "$config" || fail "server.json lacks $pair"
done
server="$work/root/usr/bin/bridgecore-server"
if [ -x "$server" ]; then
    # Point db and the secret at the test's folder, keep every other key as shipped.
    head -c 48 /dev/urandom | base64 -w 0 >"$work/jwt-secret"
    sed -e "s|/var/lib/bridgecore/sync.db|$work/sync.db|" -e "s|/etc/bridgecore/jwt-secret|$work/jwt-secret|" \
        -e 's|127.0.0.1:8000|127.0.0.1:0|' "$config" >"$work/server.json"
    "$server" init --config "$work/server.json" >/dev/null || fail "init --config rejects the shipped server.json"
    env -u BRIDGECORE_JWT_SECRET "$server" serve --config "$work/server.json" >"$work/serve.out" 2>"$work/serve.err" &
    pid=$!
    for _ in $(seq 100); do
        grep -q 'listening on' "$work/serve.out" && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.1
    done
    grep -q 'listening on 127.0.0.1:' "$work/serve.out" || {
        cat "$work/serve.err" >&2
        fail "serve --config with the shipped server.json did not start"
    }
    kill -TERM $pid
    wait $pid || fail "serve exited with $? on SIGTERM"
fi

echo "OK: $(wc -l <"$work/files") entries, executables: ${executables[*]:-none}"
