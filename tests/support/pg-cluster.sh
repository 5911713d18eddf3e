#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests and benchmarks: initdb + pg_ctl in DIR, listening
# only on a Unix socket in DIR (no TCP), superuser `bridgecore`, local connections trusted
# except the role `bridgecore_pw`, which must give its password (tests of PGPASSWORD/.pgpass).
#
#   pg-cluster.sh start DIR [durable]   # (re)creates and starts it; prints the base URI
#   pg-cluster.sh stop DIR              # stops it and removes DIR
#   pg-cluster.sh uri DIR               # postgresql://bridgecore@/postgres?host=DIR
#
# initdb refuses to run as root, so as root the cluster runs as the `postgres` system user
# (created by Debian's postgresql package); otherwise as the calling user.
# Tests run with fsync off (the cluster dies with them); `durable` keeps fsync on and only
# turns synchronous_commit off, the same durability as SQLite's WAL with synchronous=NORMAL,
# for benchmarks that compare the two.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|uri DIR [durable]" >&2; exit 2; }
case "$dir" in /*) ;; *) echo "pg-cluster: DIR must be absolute" >&2; exit 2 ;; esac

uri="postgresql://bridgecore@/postgres?host=$dir"

bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    bindir=$(pg_config --bindir)
else
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
[ -x "$bindir/initdb" ] || { echo "pg-cluster: initdb not found; run packaging/install-deps.sh" >&2; exit 1; }

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "pg-cluster: running as root needs the 'postgres' user" >&2; exit 1; }
    as_owner=(runuser -u postgres --)
fi

stop_cluster() {
    if [ -f "$dir/data/postmaster.pid" ]; then
        "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
}

case "$cmd" in
uri)
    echo "$uri"
    ;;
stop)
    stop_cluster
    rm -rf "$dir"
    ;;
start)
    stop_cluster # a cluster left over from an aborted run
    rm -rf "$dir"
    mkdir -p "$dir"
    chmod 0755 "$dir"
    [ ${#as_owner[@]} -eq 0 ] || chown postgres: "$dir"
    "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U bridgecore --auth-local=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    cat >"$dir/data/pg_hba.conf" <<'EOF'
# TYPE  DATABASE  USER           METHOD
local   all       bridgecore_pw  scram-sha-256
local   all       all            trust
EOF
    fsync=off
    [ "${3:-}" = durable ] && fsync=on
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
unix_socket_permissions = 0777
max_connections = 300
fsync = $fsync
full_page_writes = $fsync
synchronous_commit = off
log_min_messages = warning
EOF
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
        { cat "$dir/server.log" >&2; exit 1; }
    # The password role for the authentication tests.
    "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$uri" \
        -c "CREATE ROLE bridgecore_pw LOGIN CREATEDB PASSWORD 'pw-secret-4711'" >/dev/null
    echo "$uri"
    ;;
*)
    echo "usage: $0 start|stop|uri DIR [durable]" >&2
    exit 2
    ;;
esac
