#!/usr/bin/env bash
# usage: maintainer-scripts.sh <deb-dir>
# Installs the .deb with the real dpkg into a throw-away copy of this machine: an overlay (its
# upper layer in tmpfs) over /, in private mount and network namespaces, entered with chroot.
# Nothing reaches the real system. Walks an administrator's path and checks each step:
#   install; install the same version again (an upgrade to the same version); enable the unit;
#   install again (postinst migrates the enabled service's database as the bridgecore user);
#   run the unit's ExecStartPre and ExecStart as its User (systemd is not PID 1 here) and ask
#   /api/v1/offline-sync/health on 127.0.0.1:8000; stop, start again and log in (a restart keeps
#   the data and the secret); remove twice; purge twice; install again after the purge.
# Exit 77 (ctest: skipped) when this machine does not allow namespaces or overlayfs.
set -euo pipefail

deb_dir=$1
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
shopt -s nullglob
debs=("$deb_dir"/*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb in $deb_dir (packaging_build_deb), found ${#debs[@]}"
deb=$(readlink -f "${debs[0]}")

if [ "${2:-}" != "--inside" ]; then
    [ "$(id -u)" -eq 0 ] || {
        echo "SKIP: needs root (dpkg, chroot, namespaces)"
        exit 77
    }
    if ! unshare --mount --net --propagation private true 2>/dev/null; then
        echo "SKIP: this machine does not allow mount and network namespaces (unshare)"
        exit 77
    fi
    start=$(date +%s)
    # An empty folder on the real file system; everything inside lives in a private tmpfs
    # mounted over it in the namespace, so it vanishes with the namespace.
    ovl=$(mktemp -d "${TMPDIR:-/tmp}/bridgecore-maint.XXXXXX")
    set +e
    unshare --mount --net --propagation private bash "$0" "$deb_dir" --inside "$ovl"
    rc=$?
    set -e
    rmdir "$ovl"
    [ $rc -eq 0 ] || exit $rc
    echo "maintainer scripts: all steps passed in $(($(date +%s) - start)) s"
    exit 0
fi

# ---- inside the namespaces ----------------------------------------------------------------------
# Never rm -rf here: the copy's /dev is the real one.
ovl=$3
serve_pid=
# A server left running by a failed step would keep this namespace alive.
trap '[ -z "$serve_pid" ] || kill -TERM "$(server_pid)" 2>/dev/null || true' EXIT
mount -t tmpfs tmpfs "$ovl"
mkdir -p "$ovl/upper" "$ovl/work" "$ovl/root"
if ! mount -t overlay overlay -o "lowerdir=/,upperdir=$ovl/upper,workdir=$ovl/work" "$ovl/root" 2>/dev/null; then
    echo "SKIP: overlayfs over / is not allowed here"
    exit 77
fi
r=$ovl/root
mount -t proc proc "$r/proc"
mount --rbind /dev "$r/dev"
mount -t tmpfs tmpfs "$r/tmp"
mount -t tmpfs tmpfs "$r/run" # no /run/systemd/system: systemd is not running in the copy
ip link set lo up
cp "$deb" "$r/tmp/bridgecore-sync.deb"

in_root() {
    chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
step() { echo "== $*"; }
dpkg_do() {
    in_root dpkg --force-confold "$@" >"$ovl/dpkg.log" 2>&1 || {
        cat "$ovl/dpkg.log" >&2
        fail "dpkg $* failed"
    }
}
status() { in_root dpkg-query -W -f='${db:Status-Abbrev}' bridgecore-sync 2>/dev/null || true; }
owner() { in_root stat -c '%U:%G %a' "$1"; }
server_pid() { # the newest bridgecore-server process of the bridgecore user
    local p newest=
    for p in /proc/[0-9]*; do
        [ "$(cat "$p/comm" 2>/dev/null)" = bridgecore-serv ] && [ "$(stat -c %u "$p")" = "$uid" ] &&
            newest=${p#/proc/}
    done
    echo "$newest"
}
user_version() { od -An -tu1 -j60 -N4 "$r$1" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}'; }
enabled_link=/etc/systemd/system/multi-user.target.wants/bridgecore-server.service
unit=/lib/systemd/system/bridgecore-server.service
secret=/etc/bridgecore/jwt-secret
config=/etc/bridgecore/server.json
db=/var/lib/bridgecore/sync.db

in_root getent passwd bridgecore >/dev/null && fail "the machine already has a bridgecore user; this test needs a clean one"

step "install"
dpkg_do -i /tmp/bridgecore-sync.deb
[ "$(status)" = "ii " ] || fail "status after install is '$(status)'"
in_root getent passwd bridgecore >/dev/null || fail "no bridgecore user"
in_root getent passwd bridgecore | grep -q ':/var/lib/bridgecore:/usr/sbin/nologin$' ||
    fail "bridgecore user: $(in_root getent passwd bridgecore)"
uid=$(in_root id -u bridgecore)
[ "$uid" -lt 1000 ] || fail "bridgecore is not a system user (uid $uid)"
[ "$(owner $secret)" = "root:bridgecore 640" ] || fail "$secret is $(owner $secret)"
[ "$(wc -c <"$r$secret")" -ge 32 ] || fail "$secret is shorter than 32 bytes"
[ "$(owner /var/lib/bridgecore)" = "bridgecore:bridgecore 750" ] || fail "/var/lib/bridgecore is $(owner /var/lib/bridgecore)"
[ ! -e "$r$enabled_link" ] || fail "the unit is enabled after installation"
[ ! -e "$r$db" ] || fail "a database was created although the service is not enabled"
in_root dpkg-query -W -f='${Conffiles}\n' bridgecore-sync | grep -q "$config" || fail "$config is not a conffile"
secret_sum=$(sha256sum <"$r$secret")

step "install the same version again"
printf '%s\n' '{"#": "edited by the administrator", "db": "/var/lib/bridgecore/sync.db",' \
    '"listen": "127.0.0.1:8000", "jwt_secret_file": "/etc/bridgecore/jwt-secret"}' >"$r$config"
dpkg_do -i /tmp/bridgecore-sync.deb
[ "$(status)" = "ii " ] || fail "status after reinstall is '$(status)'"
[ "$(sha256sum <"$r$secret")" = "$secret_sum" ] || fail "reinstalling replaced the JWT secret"
grep -q 'edited by the administrator' "$r$config" || fail "reinstalling replaced the edited conffile"
[ "$(grep -c '^bridgecore:' "$r/etc/passwd")" -eq 1 ] || fail "bridgecore is in /etc/passwd more than once"
[ ! -e "$r$enabled_link" ] || fail "reinstalling enabled the unit"

step "enable the service, then upgrade: postinst migrates its database"
in_root systemctl enable bridgecore-server.service >/dev/null 2>&1 || fail "systemctl enable failed"
[ -L "$r$enabled_link" ] || fail "systemctl enable made no $enabled_link"
# An empty database file (schema version 0) stands for a database of an older version.
in_root runuser -u bridgecore -- touch "$db"
dpkg_do -i /tmp/bridgecore-sync.deb
grep -q 'database ready (schema version' "$ovl/dpkg.log" || {
    cat "$ovl/dpkg.log" >&2
    fail "postinst did not run the migration"
}
[ "$(user_version $db)" -ge 1 ] || fail "the database was not migrated (schema version $(user_version $db))"
[ "$(owner $db)" = "bridgecore:bridgecore 644" ] || [ "$(owner $db)" = "bridgecore:bridgecore 640" ] ||
    fail "$db is $(owner $db) after the migration"
[ -L "$r$enabled_link" ] || fail "upgrading disabled the unit"

step "run the unit's commands as its user, as systemd would"
unit_value() { sed -n "s/^$1=//p" "$r$unit" | head -1; }
[ "$(unit_value User)" = bridgecore ] || fail "unit User is not bridgecore"
pre=$(unit_value ExecStartPre)
exe=$(unit_value ExecStart)
workdir=$(unit_value WorkingDirectory)
serve() {
    # shellcheck disable=SC2086 # the unit's command line, split as systemd splits it (no quotes in it)
    in_root runuser -u bridgecore -- sh -c "cd $workdir && exec $exe" >"$ovl/serve.out" 2>"$ovl/serve.err" &
    serve_pid=$!
    for _ in $(seq 150); do
        grep -q 'listening on' "$ovl/serve.out" && return 0
        kill -0 $serve_pid 2>/dev/null || break
        sleep 0.1
    done
    cat "$ovl/serve.err" >&2
    fail "the server did not start"
}
http() { # method path [body]: prints the status line, the headers and the body
    local body=${3:-} line len=0
    exec 3<>/dev/tcp/127.0.0.1/8000
    printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n%s' \
        "$1" "$2" "${#body}" "$body" >&3
    while IFS= read -r -t 10 line <&3; do
        line=${line%$'\r'}
        [ -n "$line" ] || break
        echo "$line"
        case "${line,,}" in content-length:*) len=${line#*:} && len=${len// /} ;; esac
    done
    [ "$len" -eq 0 ] || timeout 10 head -c "$len" <&3
    echo
    exec 3<&-
}
# shellcheck disable=SC2086
in_root runuser -u bridgecore -- $pre >/dev/null || fail "ExecStartPre failed"
serve
grep -qx 'listening on 127.0.0.1:8000' "$ovl/serve.out" || fail "not listening on 127.0.0.1:8000: $(cat "$ovl/serve.out")"
pid=$(server_pid)
[ -n "$pid" ] || fail "no bridgecore-server process runs as the bridgecore user"
health=$(http GET /api/v1/offline-sync/health)
grep -q '^HTTP/1.1 200' <<<"$health" || fail "health: $health"
echo "health: $(tail -1 <<<"$health")"
kill -TERM "$pid"
wait $serve_pid || fail "the server exited with $? on SIGTERM"

step "restart keeps the data and the secret"
in_root runuser -u bridgecore -- bridgecore-server tenant add --db "$db" --name acme >/dev/null
echo 'correct-horse-battery' | in_root runuser -u bridgecore -- bridgecore-server user add --db "$db" \
    --tenant acme --email ann@acme.test --role admin >/dev/null
# shellcheck disable=SC2086
in_root runuser -u bridgecore -- $pre >/dev/null || fail "ExecStartPre failed on restart"
serve
login=$(http POST /api/v1/auth/tenant/login '{"email": "ann@acme.test", "password": "correct-horse-battery"}')
grep -q '^HTTP/1.1 200' <<<"$login" || fail "login after restart: $login"
grep -q '"access_token"' <<<"$login" || fail "no access token: $login"
kill -TERM "$(server_pid)"
wait $serve_pid || fail "the server exited with $? on SIGTERM"

step "remove, twice"
dpkg_do -r bridgecore-sync
dpkg_do -r bridgecore-sync
[ "$(status)" = "rc " ] || fail "status after remove is '$(status)'"
[ ! -e "$r/usr/bin/bridgecore-server" ] || fail "remove left /usr/bin/bridgecore-server"
[ -e "$r$config" ] && [ -e "$r$secret" ] || fail "remove deleted the configuration or the secret"
[ -e "$r$db" ] || fail "remove deleted the database"

step "purge, twice"
dpkg_do -P bridgecore-sync
dpkg_do -P bridgecore-sync
[ -z "$(status)" ] || [ "$(status)" = "un " ] || fail "status after purge is '$(status)'"
[ ! -e "$r/etc/bridgecore" ] || fail "purge left /etc/bridgecore: $(ls -la "$r/etc/bridgecore")"
[ ! -e "$r$enabled_link" ] || fail "purge left $enabled_link"
[ -e "$r$db" ] || fail "purge deleted the database (it is kept on purpose)"

step "install again after the purge"
dpkg_do -i /tmp/bridgecore-sync.deb
[ "$(status)" = "ii " ] || fail "status after reinstall is '$(status)'"
[ -e "$r$secret" ] || fail "no new secret after the purge"
[ "$(sha256sum <"$r$secret")" != "$secret_sum" ] || fail "the secret after a purge is the old one"
[ ! -e "$r$enabled_link" ] || fail "the unit came back enabled after a purge"
[ "$(grep -c '^bridgecore:' "$r/etc/passwd")" -eq 1 ] || fail "bridgecore is in /etc/passwd more than once"
echo "OK"
