package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.cluster.Lease;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.SpoolCleaner;
import io.wsingest.storage.SpoolFile;
import io.wsingest.testing.Deployments;

/** The clean-up of expired streams and orphaned spool files, inside the server, against the real database and store. */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
class StreamCleanerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application().addClass(StreamCleanerIT.class);
    }

    @Inject
    SpoolCleaner cleaner;

    @Inject
    StreamService streams;

    @Inject
    StreamSessions sessions;

    @Inject
    BlobStore blobs;

    @Inject
    StreamSettings settings;

    /** A stream record with a spool file of a few bytes, last active at {@code activeAt}. */
    private StreamRecord stream(Instant activeAt) throws Exception {
        String spoolName = StreamService.SPOOL_PREFIX + UUID.randomUUID();
        StreamRecord record = new StreamRecord(StreamKeys.hash(StreamKeys.generate()), "cleaner-test", "/upload-file",
                DataFormat.BYTES, "f.bin", 100, 10, spoolName, activeAt);
        sessions.create(record);
        spool(spoolName);
        return record;
    }

    private void spool(String name) throws Exception {
        try (SpoolFile spool = blobs.createSpool(name)) {
            spool.append(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        }
    }

    private boolean spoolExists(String name) throws Exception {
        return blobs.spoolNames().contains(name);
    }

    @Test
    void deletesExpiredStreamsWithTheirData() throws Exception {
        StreamRecord expired = stream(Instant.now().minus(settings.keyTtl()).minus(Duration.ofMinutes(1)));

        cleaner.clean();

        assertTrue(sessions.find(expired.getKeyHash()).isEmpty());
        assertFalse(spoolExists(expired.getSpoolName()));
    }

    @Test
    void keepsAStreamAnotherNodeReceivesUntilItsLeaseRunsOut() throws Exception {
        Instant now = Instant.now();
        String spoolName = StreamService.SPOOL_PREFIX + UUID.randomUUID();
        StreamRecord held = new StreamRecord(StreamKeys.hash(StreamKeys.generate()), "cleaner-test", "/upload-file",
                DataFormat.BYTES, "f.bin", 100, 10, spoolName, now.minus(settings.keyTtl()).minusSeconds(60));
        Lease otherNode = new Lease("other-node/run", now.plusSeconds(3600));
        held.leaseTo(otherNode);
        sessions.create(held);
        spool(spoolName);

        cleaner.clean();
        assertTrue(sessions.find(held.getKeyHash()).isPresent(), "a stream another node receives is in use");

        // The other node died: its lease runs out, and the stream expires.
        sessions.renewLeases(otherNode.owner(), List.of(held.getKeyHash()), now.minusSeconds(1));
        cleaner.clean();
        assertTrue(sessions.find(held.getKeyHash()).isEmpty());
        assertFalse(spoolExists(spoolName));
    }

    @Test
    void keepsStreamsThatAreStillUsable() throws Exception {
        StreamRecord fresh = stream(Instant.now().minus(settings.keyTtl()).plus(Duration.ofMinutes(5)));

        cleaner.clean();

        assertTrue(sessions.find(fresh.getKeyHash()).isPresent());
        assertTrue(spoolExists(fresh.getSpoolName()));
        sessions.delete(fresh.getKeyHash());
        blobs.deleteSpool(fresh.getSpoolName());
    }

    @Test
    void deletesOrphanedSpoolFilesOfThisProtocolOnly() throws Exception {
        String orphan = StreamService.SPOOL_PREFIX + UUID.randomUUID();
        String othersSpool = "other-protocol-" + UUID.randomUUID();
        spool(orphan);
        spool(othersSpool);

        cleaner.clean();

        assertFalse(spoolExists(orphan));
        assertTrue(spoolExists(othersSpool));
        blobs.deleteSpool(othersSpool);
    }

    @Test
    void anExpiredStreamCannotBeResumed() throws Exception {
        String key = StreamKeys.generate();
        String spoolName = StreamService.SPOOL_PREFIX + UUID.randomUUID();
        sessions.create(new StreamRecord(StreamKeys.hash(key), "cleaner-test", "/upload-file", DataFormat.BYTES,
                "f.bin", 100, 10, spoolName, Instant.now().minus(settings.keyTtl()).minusSeconds(1)));
        spool(spoolName);

        StreamService.Opening opening = streams.resume("cleaner-test", key, "/upload-file",
                new XStream.Offer(100, 10), Optional.empty(), new StreamConnection("cleaner-test", streams, null, 0));

        assertTrue(opening instanceof StreamService.Declined declined
                && declined.answer().status() == Status.UNKNOWN_STREAM_KEY, opening.toString());
        cleaner.clean();
        assertFalse(spoolExists(spoolName));
    }
}
