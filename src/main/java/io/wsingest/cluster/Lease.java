package io.wsingest.cluster;

import java.time.Instant;

/**
 * A hold on work in progress: who holds it ({@link ThisNode#leaseOwner()}) and until when, unless renewed.
 */
public record Lease(String owner, Instant until) {
}
