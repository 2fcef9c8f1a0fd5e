package io.wsingest.uploadapi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * Deployed only by the integration tests: leaves an upload as a server that went down in the middle of its OCR job
 * leaves it, and runs what start-up runs for such uploads, without restarting the server.
 */
@Path("/test/ocr")
@RequestScoped
public class OcrRecoveryProbe {

    @PersistenceContext
    EntityManager em;

    @Inject
    UploadService uploads;

    /** The upload's job was running, its {@code attempts}-th start, when the server went down. */
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
    }

    /** How many times the upload's job has started, as the database has it. */
    @GET
    @Path("{id}/attempts")
    public String attempts(@PathParam("id") String id) {
        return Integer.toString(em.find(Upload.class, id).ocrAttempts());
    }

    /** What {@link UploadRecovery} does at start-up; answers how many uploads went back in the queue. */
    @POST
    @Path("recover")
    public String recover() {
        return Integer.toString(uploads.resumeInterrupted());
    }
}
