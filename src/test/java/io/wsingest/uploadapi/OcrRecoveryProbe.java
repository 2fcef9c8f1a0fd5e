package io.wsingest.uploadapi;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.wsingest.cluster.ClusterSettings;
import io.wsingest.cluster.ThisNode;

/**
 * Deployed only by the integration tests: leaves an upload as a server that went down in the middle of its OCR job
 * leaves it, or as another node holding its job leaves it, and runs what start-up and every node's sweep run for
 * such uploads, without restarting the server. Reads run in a transaction too: called in-container on Payara,
 * its non-transactional entity manager failed as closed.
 */
@Path("/test/ocr")
@ApplicationScoped
public class OcrRecoveryProbe {

    @PersistenceContext
    EntityManager em;

    @Inject
    OcrTakeover takeover;

    @Inject
    ThisNode node;

    @Inject
    ClusterSettings cluster;

    /**
     * The upload's job was running, its {@code attempts}-th start, when this node went down: the job's lease is an
     * earlier run's of this node, not run out yet.
     */
    @POST
    @Path("{id}/interrupted")
    @Transactional
    public void interrupted(@PathParam("id") String id, @QueryParam("attempts") int attempts) {
        int updated = em.createQuery("update Upload u set u.status = :processing, u.ocrAttempts = :attempts,"
                        + " u.rawText = null, u.processedText = null where u.id = :id")
                .setParameter("processing", UploadStatus.PROCESSING)
                .setParameter("attempts", attempts)
                .setParameter("id", id)
                .executeUpdate();
        if (updated != 1) {
            throw new IllegalArgumentException("no upload " + id);
        }
        leasedTo(id, node.name() + "/crashed", cluster.leaseDuration().toSeconds());
    }

    /**
     * Another job now holds the upload's lease, renewed by {@code owner} (a made-up node run) until
     * {@code secondsLeft} from now: negative for a lease that ran out.
     */
    @POST
    @Path("{id}/leased")
    @Transactional
    public void leasedTo(@PathParam("id") String id, @QueryParam("owner") String owner,
                         @QueryParam("secondsLeft") long secondsLeft) {
        int updated = em.createQuery("update Upload u set u.ocrJob = :job, u.ocrLeaseOwner = :owner,"
                        + " u.ocrLeaseUntil = :until where u.id = :id")
                .setParameter("job", UUID.randomUUID().toString())
                .setParameter("owner", owner)
                .setParameter("until", Instant.now().plusSeconds(secondsLeft))
                .setParameter("id", id)
                .executeUpdate();
        if (updated != 1) {
            throw new IllegalArgumentException("no upload " + id);
        }
    }

    /** The node run holding the upload's job, or an empty string when none does. */
    @GET
    @Path("{id}/lease-owner")
    @Transactional
    public String leaseOwner(@PathParam("id") String id) {
        return em.find(Upload.class, id).lease().map(OcrLease::owner).orElse("");
    }

    /** How many times the upload's job has started, as the database has it. */
    @GET
    @Path("{id}/attempts")
    @Transactional
    public String attempts(@PathParam("id") String id) {
        return Integer.toString(em.find(Upload.class, id).ocrAttempts());
    }

    /** What {@link UploadRecovery} does at start-up (and every node every period); answers how many were queued. */
    @POST
    @Path("recover")
    public String recover() {
        return Integer.toString(takeover.sweep().size());
    }
}
