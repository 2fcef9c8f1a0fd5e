package io.wsingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.wsingest.cluster.Lease;
import io.wsingest.cluster.ThisNode;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.SpoolFile;

/**
 * Deployed only by the integration tests: puts upload chains into states that take hours or a crash to reach.
 */
@Path("/test/upload")
@RequestScoped
public class UploadTestProbe {

    /** The owner a chain left by a crashed server names: a connection that no longer exists. */
    static final String DEAD_CONNECTION = "connection-of-a-crashed-server";

    @PersistenceContext
    EntityManager em;

    @Inject
    ChainRecords records;

    @Inject
    ThisNode node;

    @Inject
    BlobStore blobs;

    /** The chain was interrupted {@code seconds} ago (its last activity moves back). */
    @POST
    @Path("{project}/age/{seconds}")
    @Transactional
    public void age(@PathParam("project") String project, @PathParam("seconds") long seconds) {
        em.createQuery("update ChainRecord u set u.updatedAt = :then, u.ownerConnection = null,"
                        + " u.leaseOwner = null, u.leaseUntil = null where u.projectId = :project")
                .setParameter("then", Instant.now().minus(Duration.ofSeconds(seconds)))
                .setParameter("project", project)
                .executeUpdate();
    }

    /**
     * What a server that crashed in the middle of an upload leaves behind: a chain owned by a connection that is
     * gone, held by a lease of the server's previous run that has not run out yet, whose record says {@code durable}
     * bytes are safe, and a spool file holding the whole request body — more than was recorded, as bytes received
     * after the last heartbeat are. With {@code lost}, the spool file itself is gone too.
     */
    @POST
    @Path("{project}/crashed")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public void crashed(@PathParam("project") String project, @QueryParam("user") String user,
                        @QueryParam("total") long total, @QueryParam("durable") long durable,
                        @QueryParam("lost") boolean lost, InputStream body) throws IOException {
        Lease previousRun = new Lease(node.name() + "/crashed", Instant.now().plus(Duration.ofHours(1)));
        UploadChain chain = records.create(project, user, "crashed.bin", total, true, DEAD_CONNECTION, previousRun,
                Instant.now());
        records.recordProgress(chain.uploadId(), DEAD_CONNECTION, durable, previousRun.until(), Instant.now());
        if (lost) {
            return;
        }
        try (SpoolFile spool = blobs.createSpool(chain.spoolName())) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) != -1; ) {
                spool.append(ByteBuffer.wrap(buffer, 0, n));
            }
        }
    }
}
