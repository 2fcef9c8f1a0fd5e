#!/usr/bin/env bash
# ws-ingest: the Payara Server resources the application needs.
#
#   payara-config/configure.sh [--postgresql FILE] [--settings FILE] [asadmin options]
#
# Run it against a running domain, e.g.  payara-config/configure.sh --port 4848
# The asadmin options (--host, --port, --user, --passwordfile, ...) are passed to every command; ASADMIN names the
# asadmin to use (default: the one on the PATH). The build runs this same script on the domains it prepares.
#
#   --postgresql FILE  use PostgreSQL instead of the embedded H2: FILE holds pg.driver.jar, pg.url, pg.user and
#                      pg.password, as for wildfly-config/postgresql.cli. Running it again re-creates the pool with
#                      the values given, so it also changes connection settings.
#   --settings FILE    a properties file of wsingest.* settings, set as the domain's system properties.
#
# Every step checks first: running the script again changes nothing. When it moves MicroProfile Health off /health
# it says so; that change needs a restart of the domain.
set -euo pipefail

POOL=WsIngestPool
RESOURCE=jdbc/WsIngestDS
TOPIC=wsingest_upload_events
HEALTH_ENDPOINT=mp-health
HTTP_THREADS=64
EXECUTOR_THREADS=16
HEADER_BYTES=65536

postgresql=""
settings=""
admin_options=()
while [ $# -gt 0 ]; do
    case "$1" in
        --postgresql) postgresql="$2"; shift 2 ;;
        --settings) settings="$2"; shift 2 ;;
        *) admin_options+=("$1"); shift ;;
    esac
done

asadmin() {
    "${ASADMIN:-asadmin}" "${admin_options[@]}" "$@"
}

# True when `asadmin LIST_COMMAND` lists NAME on a line of its own.
listed() {
    asadmin "$1" | grep -qxF -- "$2"
}

# A value for an asadmin --property list, where ':' separates properties and '=' names and values.
escaped() {
    printf '%s' "$1" | sed 's/[\\:=]/\\&/g'
}

# The value of a dotted name of the domain's configuration (its default when never set).
configured() {
    # A plain prefix, not a pattern: dotted names may hold '/' (JNDI names) and '.'.
    asadmin get "$1" | awk -v prefix="$1=" 'index($0, prefix) == 1 { print substr($0, length(prefix) + 1) }'
}

# The value of KEY in the properties file FILE (the last one wins, as in java.util.Properties).
property() {
    sed -n "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*//p" "$1" | tail -n 1
}

# The database. By default an embedded, file-based H2 under the domain (survives restarts). WRITE_DELAY=0 writes
# every commit to the file at once: H2's default (500 ms) would let a killed server lose an offset that protocol A
# has already reported to its client as durable. An existing pool is left as it is, whatever its database.
if [ -n "$postgresql" ]; then
    driver_jar=$(property "$postgresql" pg.driver.jar)
    if ! listed list-libraries "$(basename "$driver_jar")"; then
        asadmin add-library --type common "$driver_jar"
    fi
    if listed list-jdbc-connection-pools "$POOL"; then
        asadmin delete-jdbc-connection-pool --cascade "$POOL"
    fi
    asadmin create-jdbc-connection-pool --restype javax.sql.DataSource \
        --datasourceclassname org.postgresql.ds.PGSimpleDataSource \
        --isconnectvalidatereq=true --validationmethod auto-commit --failconnection=true \
        --property "url=$(escaped "$(property "$postgresql" pg.url)"):user=$(escaped "$(property "$postgresql" pg.user)"):password=$(escaped "$(property "$postgresql" pg.password)")" \
        "$POOL"
elif ! listed list-jdbc-connection-pools "$POOL"; then
    asadmin create-jdbc-connection-pool --restype javax.sql.DataSource \
        --datasourceclassname org.h2.jdbcx.JdbcDataSource \
        --property "URL=$(escaped 'jdbc:h2:${com.sun.aas.instanceRoot}/data/ws-ingest/h2/wsingest;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0'):user=sa:password=sa" \
        "$POOL"
fi
if ! listed list-jdbc-resources "$RESOURCE"; then
    asadmin create-jdbc-resource --connectionpoolid "$POOL" "$RESOURCE"
fi

# The application defines its topic itself (@JMSDestinationDefinition); creating the broker's physical destination
# here as well makes it visible, and configurable, before the first deployment (JMS Physical Destinations).
if ! listed list-jmsdest "$TOPIC"; then
    asadmin create-jmsdest --desttype topic "$TOPIC"
fi

if [ -n "$settings" ]; then
    while IFS= read -r line; do
        case "$line" in
            wsingest.*=*)
                key=$(printf '%s' "${line%%=*}" | sed 's/[[:space:]]*$//')
                value=$(printf '%s' "${line#*=}" | sed 's/^[[:space:]]*//')
                asadmin create-system-properties "$key=$(escaped "$value")"
                ;;
        esac
    done < "$settings"
fi

# Every WebSocket message is handled on a thread of http-thread-pool, and a handler may wait on the disk or the
# database; Payara's default of 5 threads lets a few busy clients hold up everyone else's messages and requests.
# 64 is of the order of WildFly's default (16 task threads per core); a larger value an operator chose is kept.
threads="configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size"
current_threads=$(configured "$threads")
if [ "${current_threads:-0}" -lt "$HTTP_THREADS" ]; then
    asadmin set "$threads=$HTTP_THREADS"
fi

# OCR jobs, protocol B's write-behind and the live relay's closes run on the default managed executor. Payara's has
# a core pool of 0 threads and an unbounded queue, so it runs one task at a time: one OCR job would hold up every B
# upload's readies and every slow receiver's close. 16 threads, as for HTTP a larger value an operator chose is kept;
# raise it with wsingest.ocr.workers (each running job holds a thread).
executor="resources.managed-executor-service.concurrent/__defaultManagedExecutorService.core-pool-size"
current_executor=$(configured "$executor")
if [ "${current_executor:-0}" -lt "$EXECUTOR_THREADS" ]; then
    asadmin set "$executor=$EXECUTOR_THREADS"
fi

# Payara serves MicroProfile Health at /health on the same listener as the application, whose own /health reports
# the database, the broker and the blob store.
health="configs.config.server-config.microprofile-healthcheck-configuration.endpoint"
if [ "$(configured "$health")" != "$HEALTH_ENDPOINT" ]; then
    asadmin set-microprofile-healthcheck-configuration --endpoint="$HEALTH_ENDPOINT"
    echo "MicroProfile Health moved to /$HEALTH_ENDPOINT: restart the domain before deploying ws-ingest."
fi

# Grizzly refuses a request whose headers exceed the listener's header buffer (8 KB by default) with 400 before the
# application sees it, and resets an HTTP/2 stream (h2c upgrade included) whose headers exceed 4 KB;
# a token in the Authorization header can be larger (WildFly takes 1 MB of headers). 64 KB for both lets such a
# request through, so that the protocol's own refusal tells the client what is wrong.
for listener in http-listener-1 http-listener-2; do
    for attribute in header-buffer-length-bytes http2-max-header-list-size-in-bytes; do
        setting="configs.config.server-config.network-config.protocols.protocol.$listener.http.$attribute"
        if [ "$(configured "$setting")" != "$HEADER_BYTES" ]; then
            asadmin set "$setting=$HEADER_BYTES"
        fi
    done
done
