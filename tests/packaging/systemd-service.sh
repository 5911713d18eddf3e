#!/usr/bin/env bash
# usage: systemd-service.sh <deb-dir>
# The package under a real systemd: boots /lib/systemd/systemd as PID 1 of private pid, mount
# and network namespaces, chrooted into a throw-away overlay of this machine (as a container
# manager would; nothing reaches the real system), and checks what an administrator expects:
#   apt-style install leaves the service disabled and stopped; `systemctl enable --now` runs it
#   as bridgecore with the unit's sandbox and it answers /api/v1/offline-sync/health on
#   127.0.0.1:8000; a backup while it serves; restore refused while it serves; a killed server
#   is restarted (Restart=on-failure); an upgrade (same version) stops it, migrates and starts
#   it; after a reboot (systemd powered off and booted again) it runs again with its data;
#   remove stops it.
# Exit 77 (ctest: skipped) when namespaces are not allowed or systemd does not come up.
set -euo pipefail

deb_dir=$1
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
skip() {
    echo "SKIP: $*"
    exit 77
}
shopt -s nullglob
debs=("$deb_dir"/*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb in $deb_dir (packaging_build_deb), found ${#debs[@]}"

case "${2:-}" in
--boot) # PID 1 of a new pid namespace: a fresh /proc and /run, then systemd.
    r=$3
    mount -t proc proc "$r/proc"
    mount -t tmpfs tmpfs "$r/run"
    exec chroot "$r" /usr/bin/env -i container=bridgecore-test /lib/systemd/systemd --system \
        --log-target=console --show-status=no
    ;;
--inside) ;;
*)
    [ "$(id -u)" -eq 0 ] || skip "needs root"
    [ -x /lib/systemd/systemd ] || skip "systemd is not installed"
    unshare --mount --net --pid --fork --propagation private true 2>/dev/null ||
        skip "this machine does not allow pid, mount and network namespaces (unshare)"
    start=$(date +%s)
    ovl=$(mktemp -d "${TMPDIR:-/tmp}/bridgecore-systemd.XXXXXX")
    set +e
    unshare --mount --net --propagation private bash "$0" "$deb_dir" --inside "$ovl"
    rc=$?
    set -e
    rmdir "$ovl"
    [ $rc -eq 0 ] || exit $rc
    echo "systemd service: all steps passed in $(($(date +%s) - start)) s"
    exit 0
    ;;
esac

# ---- inside the mount and network namespaces: the overlay, then boots ------------------------
# Never rm -rf here: the copy's /dev and /sys are the real ones.
ovl=$3
mount -t tmpfs tmpfs "$ovl"
mkdir -p "$ovl/upper" "$ovl/work" "$ovl/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$ovl/upper,workdir=$ovl/work" "$ovl/root" 2>/dev/null ||
    skip "overlayfs over / is not allowed here"
r=$ovl/root
mount --rbind /sys "$r/sys"
mount --rbind /dev "$r/dev"
ip link set lo up
mkdir -p "$r/root"
cp "${debs[0]}" "$r/root/bridgecore-sync.deb"
# A container image's "start no services" policy (Docker's exit 101) would stop deb-systemd-invoke;
# a real system has none.
rm -f "$r/usr/sbin/policy-rc.d"
# No consoles or logins to wait for.
chroot "$r" systemctl mask getty@tty1.service serial-getty@ttyS0.service console-getty.service \
    systemd-logind.service >/dev/null 2>&1 || true

boot_pid= # the unshare process; systemd is its child
systemd_pid=
boot() {
    unshare --pid --fork --mount --propagation private bash "$0" "$deb_dir" --boot "$r" \
        >"$ovl/boot.log" 2>&1 &
    boot_pid=$!
    local state=
    for _ in $(seq 120); do
        sleep 0.5
        systemd_pid=$(pgrep -P "$boot_pid" -x systemd || true)
        [ -n "$systemd_pid" ] || continue
        state=$(sys systemctl is-system-running 2>/dev/null || true)
        case "$state" in running | degraded) return 0 ;; esac
    done
    tail -20 "$ovl/boot.log"
    skip "systemd did not come up in this environment (state '$state')"
}
poweroff() {
    kill -s SIGRTMIN+4 "$systemd_pid"
    for _ in $(seq 60); do
        kill -0 "$boot_pid" 2>/dev/null || return 0
        sleep 0.5
    done
    fail "systemd did not power off"
}
trap '[ -z "$systemd_pid" ] || kill -9 "$systemd_pid" 2>/dev/null || true' EXIT
sys() { # a command inside the booted system
    nsenter -t "$systemd_pid" -m -n -p -r -w /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"
}
show() { sys systemctl show bridgecore-server.service -p "$1" --value; }
post() { # path token body: the response (head and body) of a POST to 127.0.0.1:8000
    sys bash -c 'exec 3<>/dev/tcp/127.0.0.1/8000 &&
        printf "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n%s" \
            "$1" "$2" "${#3}" "$3" >&3 &&
        while IFS= read -r -t 10 line; do
            line=${line%$'"'"'\r'"'"'}; echo "$line"; [ -n "$line" ] || break
            case "${line,,}" in content-length:*) len=${line#*:}; len=${len// /} ;; esac
        done <&3 && timeout 10 head -c "$len" <&3' post "$@"
}
health() { # the status code of GET /api/v1/offline-sync/health on 127.0.0.1:8000
    sys bash -c 'exec 3<>/dev/tcp/127.0.0.1/8000 &&
        printf "GET /api/v1/offline-sync/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" >&3 &&
        IFS=" " read -r -t 10 _ code _ <&3 && echo "$code"' 2>/dev/null || echo none
}
wait_active() {
    for _ in $(seq 60); do
        [ "$(show ActiveState)" = active ] && [ "$(health)" = 200 ] && return 0
        sleep 0.5
    done
    sys journalctl -u bridgecore-server --no-pager -n 30 >&2 || true
    fail "bridgecore-server is not active and healthy ($(show ActiveState))"
}
step() { echo "== $*"; }
db=/var/lib/bridgecore/sync.db

step "boot"
boot

step "install: the service stays disabled and stopped"
sys dpkg -i /root/bridgecore-sync.deb >"$ovl/dpkg.log" 2>&1 || {
    cat "$ovl/dpkg.log" >&2
    fail "dpkg -i failed"
}
[ "$(sys systemctl is-enabled bridgecore-server.service || true)" = disabled ] || fail "the unit is not disabled after install"
[ "$(show ActiveState)" = inactive ] || fail "the service runs after install"

step "systemctl enable --now"
sys systemctl enable --now bridgecore-server.service >/dev/null 2>&1 || fail "systemctl enable --now failed"
wait_active
pid=$(show MainPID)
[ "$(sys stat -c %U "/proc/$pid")" = bridgecore ] || fail "the server runs as $(sys stat -c %U "/proc/$pid")"
[ "$(show ProtectSystem)" = strict ] && [ "$(show NoNewPrivileges)" = yes ] || fail "the unit's sandbox is not in effect"
# ProtectSystem=strict: the server's mount namespace has /usr and /etc read-only.
sys nsenter -t "$pid" -m sh -c 'touch /etc/bridgecore/probe' 2>/dev/null && fail "the server can write to /etc"
sys journalctl -u bridgecore-server --no-pager -o cat | grep -q '"path":"/api/v1/offline-sync/health"' ||
    fail "no request line in the journal"

step "backup while it serves; restore refused"
sys runuser -u bridgecore -- bridgecore-server backup --config /etc/bridgecore/server.json \
    --out /var/lib/bridgecore/backup.db >/dev/null || fail "backup failed"
if sys runuser -u bridgecore -- bridgecore-server restore --config /etc/bridgecore/server.json \
    --from /var/lib/bridgecore/backup.db 2>"$ovl/restore.err"; then
    fail "restore replaced the database of a running server"
fi
grep -q 'in use by a running bridgecore-server' "$ovl/restore.err" || fail "restore: $(cat "$ovl/restore.err")"

step "a killed server is restarted"
sys kill -9 "$pid"
sleep 3
wait_active
[ "$(show NRestarts)" -ge 1 ] && [ "$(show MainPID)" != "$pid" ] || fail "not restarted after SIGKILL"

step "upgrade to the same version: stopped, migrated, started"
pid=$(show MainPID)
sys dpkg -i /root/bridgecore-sync.deb >"$ovl/dpkg.log" 2>&1 || {
    cat "$ovl/dpkg.log" >&2
    fail "dpkg -i (upgrade) failed"
}
grep -q 'database ready (schema version' "$ovl/dpkg.log" || fail "postinst did not migrate"
wait_active
[ "$(show MainPID)" != "$pid" ] || fail "the upgrade did not restart the server"
sys journalctl -u bridgecore-server --no-pager -o cat | grep -q 'bridgecore-server: stopped' ||
    fail "the server was not stopped cleanly (no 'stopped' line)"

step "reboot: powered off, booted again, serving with its data"
sys runuser -u bridgecore -- bridgecore-server tenant add --db "$db" --name acme >/dev/null
poweroff
boot
wait_active
again=$(sys runuser -u bridgecore -- bridgecore-server tenant add --db "$db" --name acme 2>&1 || true)
grep -q "a tenant named 'acme' already exists" <<<"$again" || fail "the tenant added before the reboot is gone: $again"

step "a device logs in, pushes and pulls through the service"
echo 'correct-horse-battery' | sys runuser -u bridgecore -- bridgecore-server user add --db "$db" \
    --tenant acme --email ann@acme.test --role admin >/dev/null
login=$(post /api/v1/auth/tenant/login none '{"email": "ann@acme.test", "password": "correct-horse-battery"}')
token=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<<"$login")
[ -n "$token" ] || fail "login: $login"
push=$(post /api/v1/offline-sync/push "$token" '{"device_id": "van-1", "changes": [{"local_id": "c-1",
    "action": "create", "model": "res.partner", "record_id": null, "data": {"name": "Azure"},
    "local_timestamp": "2025-11-24T10:30:00Z", "version": 1}]}')
grep -q '"succeeded":1' <<<"$push" || fail "push: $push"
pull=$(post /api/v1/offline-sync/pull "$token" '{"device_id": "van-2", "app_type": "sales_app"}')
grep -q '"name":"Azure"' <<<"$pull" || fail "pull: $pull"

step "remove stops it"
sys dpkg -r bridgecore-sync >"$ovl/dpkg.log" 2>&1 || fail "dpkg -r failed"
for _ in $(seq 20); do
    [ "$(show ActiveState)" = inactive ] && break
    sleep 0.5
done
[ "$(show ActiveState)" = inactive ] || fail "the service still runs after remove"
poweroff
systemd_pid=
echo "OK"
