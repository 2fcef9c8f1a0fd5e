package io.wsingest.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.cluster.Lease;
import io.wsingest.projects.ProjectService;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.SpoolCleaner;
import io.wsingest.storage.SpoolFile;
import io.wsingest.testing.Deployments;

/** The clean-up of upload chains, inside the server, against the real database and blob store. */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
class UploadCleanerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application().addClasses(UploadCleanerIT.class, UploadTestProbe.class);
    }

    @Inject
    SpoolCleaner cleaner;

    @Inject
    ChainRecords records;

    @Inject
    ProjectService projects;

    @Inject
    BlobStore blobs;

    @Inject
    UploadTestProbe probe;

    private static String uniqueId(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    /** A project with an upload interrupted after 5 bytes; returns the chain. */
    private UploadChain interruptedUpload() throws IOException {
        String project = uniqueId("cl");
        projects.create(project, "Clean-up", "root");
        UploadChain chain = records.create(project, "ann", "old.bin", 10L, true, "c1",
                new Lease("this-node/run", Instant.now().plusSeconds(60)), Instant.now());
        try (SpoolFile spool = blobs.createSpool(chain.spoolName())) {
            spool.append(ByteBuffer.wrap(new byte[5]));
            spool.force();
        }
        records.interrupt(chain.uploadId(), "c1", 5, Instant.now());
        return chain;
    }

    @Test
    void expiresAnUploadInterruptedForLongerThanTheRestoreWindowAndDeletesItsData() throws IOException {
        UploadChain chain = interruptedUpload();
        probe.age(chain.projectId(), 86_400);

        cleaner.clean();

        UploadChain after = records.findByProject(chain.projectId()).orElseThrow();
        assertEquals(UploadState.EXPIRED, after.state());
        assertEquals(5, after.durableOffset(), "the chain keeps its record until it is destroyed");
        assertFalse(blobs.spoolNames().contains(chain.spoolName()));
    }

    @Test
    void leavesAnUploadWithinItsRestoreWindowAlone() throws IOException {
        UploadChain chain = interruptedUpload();
        probe.age(chain.projectId(), 86_400 - 600);

        cleaner.clean();

        assertEquals(UploadState.IN_PROGRESS, records.findByProject(chain.projectId()).orElseThrow().state());
        assertTrue(blobs.spoolNames().contains(chain.spoolName()));
    }

    @Test
    void leavesAnUploadAnotherNodeHoldsAloneUntilItsLeaseRunsOut() throws IOException {
        String project = uniqueId("cl");
        projects.create(project, "Clean-up", "root");
        Instant now = Instant.now();
        Lease otherNode = new Lease("other-node/run", now.plusSeconds(3600));
        UploadChain chain = records.create(project, "ann", "held.bin", 10L, true, "c2", otherNode, now);
        // Its connection on the other node recorded nothing for two days (a very slow client), but holds it.
        records.recordProgress(chain.uploadId(), "c2", 5, otherNode.until(), now.minus(Duration.ofDays(2)));

        cleaner.clean();
        assertEquals(UploadState.IN_PROGRESS, records.findByProject(project).orElseThrow().state());

        // The other node died: its lease runs out, and the upload with it.
        records.renewLeases(otherNode.owner(), List.of("c2"), now.minusSeconds(1));
        cleaner.clean();
        assertEquals(UploadState.EXPIRED, records.findByProject(project).orElseThrow().state());
    }

    @Test
    void deletesUploadSpoolFilesNoUploadRefersToAndNoOthers() throws IOException {
        String orphan = ChainRecords.SPOOL_PREFIX + uniqueId("orphan");
        String foreign = uniqueId("other-protocol-");
        blobs.createSpool(orphan).close();
        blobs.createSpool(foreign).close();

        cleaner.clean();

        assertFalse(blobs.spoolNames().contains(orphan));
        assertTrue(blobs.spoolNames().contains(foreign), "another protocol's spool file is not this cleaner's");
        blobs.deleteSpool(foreign);
    }
}
