package io.wsingest.uploadapi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A node's hold on an upload's OCR job, from the moment the node queues the job until it ends: the job (a new id per
 * queued job, so a job that lost its lease never writes, even on the node that holds a newer one), the node run that
 * renews it, and when it runs out without renewal.
 */
record OcrLease(String job, String owner, Instant until) {

    OcrLease {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(until, "until");
    }

    /** The lease of a job this node run queues now. */
    static OcrLease newJob(String owner, Instant until) {
        return new OcrLease(UUID.randomUUID().toString(), owner, until);
    }
}
