#!/usr/bin/env bash
# The test domain: a fresh Payara domain prepared with the operator's script (payara-config/configure.sh), then the
# test-only settings. Arquillian starts it for the integration tests and stops it after them.
#
#   prepare-domain.sh PAYARA_HOME DOMAIN PORT_OFFSET ADMIN_PORT "JVM ARGUMENTS" [WAR]
#
# Every port is Payara's default plus PORT_OFFSET (HTTP at 8080 + PORT_OFFSET), as the WildFly suite offsets its
# ports, except administration, which is at ADMIN_PORT (WildFly's it.management.port). With WAR, the domain is left
# with the application deployed (the crash tests' domains, which they start and kill themselves).
set -euo pipefail

home=$1
domain=$2
offset=$3
admin_port=$4
jvm_arguments=$5
war=${6:-}
asadmin="$home/bin/asadmin"
admin=(--port "$admin_port")

# Every run starts from a new domain, as a run on WildFly starts from the configuration the build unpacked.
if [ -d "$home/glassfish/domains/$domain" ]; then
    if "$asadmin" list-domains | grep -qx "$domain running"; then
        "$asadmin" stop-domain "$domain" >/dev/null
    fi
    "$asadmin" delete-domain "$domain" >/dev/null
fi
"$asadmin" create-domain --nopassword --adminport "$admin_port" --instanceport $((8080 + offset)) \
    --domainproperties "http.ssl.port=$((8181 + offset)):jms.port=$((7676 + offset)):domain.jmxPort=$((8686 + offset)):orb.listener.port=$((3700 + offset)):orb.ssl.port=$((3820 + offset)):orb.mutualauth.port=$((3920 + offset)):osgi.shell.telnet.port=$((6666 + offset)):java.debugger.port=$((9009 + offset))" \
    "$domain" >/dev/null
"$asadmin" start-domain "$domain" >/dev/null
trap '"$asadmin" stop-domain "$domain" >/dev/null' EXIT

ASADMIN="$asadmin" "$(dirname "$0")/../../../payara-config/configure.sh" "${admin[@]}"

# The test server's JVM: WildFly's arguments, without WildFly's own; asadmin separates options at unescaped colons.
"$asadmin" "${admin[@]}" delete-jvm-options -- "$("$asadmin" "${admin[@]}" list-jvm-options | grep -e '^-Xmx')" >/dev/null
for argument in $jvm_arguments; do
    case "$argument" in
        -Djboss.*) ;;
        *) "$asadmin" "${admin[@]}" create-jvm-options -- "$(printf '%s' "$argument" | sed 's/:/\\:/g')" >/dev/null ;;
    esac
done

# Deployed as an operator does, after the restart configure.sh asks for (it moved MicroProfile Health off /health).
if [ -n "$war" ]; then
    "$asadmin" "${admin[@]}" restart-domain "$domain" >/dev/null
    "$asadmin" "${admin[@]}" deploy "$war" >/dev/null
fi
