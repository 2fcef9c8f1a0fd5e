package io.wsingest.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * This node as the leases name it: the server's node name and this run of the application. A lease held by an
 * earlier run of the same node is dead (that run's work died with it), so a restarted node takes its own work back at
 * once instead of waiting for the leases to run out. Node names must differ between the nodes of a cluster, as the
 * servers' own clustering already requires.
 */
@ApplicationScoped
public class ThisNode {

    private final String name = nodeName();
    private final String leaseOwner = name + "/" + UUID.randomUUID().toString().substring(0, 8);

    /** The server's node name: WildFly's {@code jboss.node.name}, Payara's instance name, or the host name. */
    private static String nodeName() {
        return Optional.ofNullable(System.getProperty("jboss.node.name"))
                .or(() -> Optional.ofNullable(System.getProperty("com.sun.aas.instanceName")))
                .orElseGet(() -> {
                    try {
                        return InetAddress.getLocalHost().getHostName();
                    } catch (UnknownHostException e) {
                        return "localhost";
                    }
                });
    }

    public String name() {
        return name;
    }

    /** What this run writes into the leases it takes: {@code <node name>/<run>}. */
    public String leaseOwner() {
        return leaseOwner;
    }

    /** Whether a lease's owner is an earlier run of this node, so that the lease is dead whatever its expiry says. */
    public boolean isEarlierRun(String owner) {
        return owner != null && !owner.equals(leaseOwner) && owner.startsWith(name + "/")
                && owner.indexOf('/', name.length() + 1) < 0;
    }
}
