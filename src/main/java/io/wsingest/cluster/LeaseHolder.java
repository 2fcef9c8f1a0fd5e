package io.wsingest.cluster;

import java.time.Instant;

/**
 * Something that holds leases in the database for work in progress on this node. The {@link LeaseRenewer} calls it
 * every {@link ClusterSettings#renewalPeriod()}.
 */
public interface LeaseHolder {

    /** What it leases, for the log. */
    String name();

    /**
     * Extends every lease {@code owner} holds to {@code until}, and gives up the work another node has asked for.
     * Called from one thread at a time.
     */
    void renewLeases(String owner, Instant now, Instant until);
}
