package io.wsingest.uploadapi;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * A pending or processing upload as the takeover sweep reads it: whose lease its job is under, until when, and how
 * often its job has started.
 *
 * @param leaseOwner null when no node holds it (a lease released, or a row from before leases)
 * @param leaseUntil null when no node holds it
 */
record UnfinishedJob(UploadView upload, String leaseOwner, Instant leaseUntil, int attempts) {

    /** Why a sweep may take the job over. */
    enum Claim {
        /** A live node holds it: never. */
        NONE,
        /** Nobody renewed the lease in time (its node died or stalled), or nobody holds it. */
        LEASE_RAN_OUT,
        /** An earlier run of this node holds it: that run's jobs died with it, no need to wait for the expiry. */
        EARLIER_RUN
    }

    Claim claim(Instant now, Predicate<String> earlierRunOfThisNode) {
        if (leaseUntil == null || leaseUntil.isBefore(now)) {
            return Claim.LEASE_RAN_OUT;
        }
        return earlierRunOfThisNode.test(leaseOwner) ? Claim.EARLIER_RUN : Claim.NONE;
    }

    /**
     * Its job has started {@code maxAttempts} times without finishing: the nodes running it went down each time, so
     * it is given up rather than started again (an image that crashes the server would crash every node).
     */
    boolean exhausted(int maxAttempts) {
        return attempts >= maxAttempts;
    }
}
