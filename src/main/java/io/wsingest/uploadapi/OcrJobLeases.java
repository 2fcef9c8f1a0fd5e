package io.wsingest.uploadapi;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.wsingest.cluster.LeaseHolder;

/**
 * Renews the leases of the OCR jobs this node has queued or is running, in one statement per period however many
 * there are. A job's lease ends with the job; a job that ended without saying so (it could not write its progress, or
 * was never started) is {@linkplain #abandoned let go of} here, so that its lease is not renewed and a sweep on any
 * node runs the upload again.
 */
@ApplicationScoped
public class OcrJobLeases implements LeaseHolder {

    private static final Logger LOG = Logger.getLogger(OcrJobLeases.class.getName());

    /** A job this node let go of. */
    private record Abandoned(String uploadId, String job) {
    }

    @Inject
    UploadRecords records;

    /** Abandoned jobs whose lease could not be released yet (the database was down): tried again each period. */
    private final Set<Abandoned> unreleased = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return "Upload API OCR jobs";
    }

    @Override
    public void renewLeases(String owner, Instant now, Instant until) {
        releaseAbandoned();
        records.renewLeases(owner, until);
    }

    /** Releases the lease of a job that will not end by itself, now or at the next renewals. */
    void abandoned(String uploadId, String job) {
        unreleased.add(new Abandoned(uploadId, job));
        releaseAbandoned();
    }

    private void releaseAbandoned() {
        for (Abandoned each : unreleased) {
            try {
                records.release(each.uploadId(), each.job());
                unreleased.remove(each);
                LOG.info(() -> "Released the lease of the abandoned OCR job of upload " + each.uploadId());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "Could not release the lease of the abandoned OCR job of upload "
                        + each.uploadId() + "; trying again at the next renewal");
            }
        }
    }
}
