package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.events.SessionRegistry;
import io.wsingest.ocr.OcrEngine;
import io.wsingest.ocr.OcrJob;
import io.wsingest.ocr.OcrListener;
import io.wsingest.ocr.OcrService;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.FileCatalog;
import io.wsingest.storage.FileSource;
import io.wsingest.storage.NewFile;
import io.wsingest.storage.StoredFile;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.TestImages;

/**
 * OCR jobs inside the server, with one worker and a queue of two: restart recovery, a full queue, deleting a waiting
 * job, and creating an upload from a file another protocol stored. Jobs that hold the worker are the test's own,
 * blocked on a latch, so the queue's state is certain without waiting on the clock.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("integration")
class UploadApiJobsIT {

    private static final long WAIT_SECONDS = UserEvents.WAIT_SECONDS;

    @Deployment
    static WebArchive deployment() {
        return Deployments.application()
                .addClasses(UploadApiJobsIT.class, TestImages.class, Deployments.class, OcrRecoveryProbe.class,
                        UserEvents.class)
                .addAsResource(new StringAsset("wsingest.ocr.workers=1\nwsingest.ocr.queue-limit=2\n"),
                        "META-INF/microprofile-config.properties");
    }

    @Inject
    UploadService uploads;

    @Inject
    UploadRecords records;

    @Inject
    OcrService ocr;

    @Inject
    OcrTakeover takeover;

    @Inject
    OcrRecoveryProbe probe;

    @Inject
    FileCatalog files;

    @Inject
    BlobStore blobs;

    @Inject
    SessionRegistry registry;

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void releaseBlockersAndListeners() {
        release.countDown();
        cleanup.forEach(Runnable::run);
    }

    private static String user(String name) {
        return name + "-" + System.nanoTime();
    }

    /** A PNG stored for the user through another protocol, as protocols A, B and C store their files. */
    private StoredFile storedByAnotherProtocol(String owner) throws Exception {
        byte[] png = TestImages.png(20, 20, System.nanoTime());
        return files.store(new ByteArrayInputStream(png), new NewFile("scan.png", owner, null, FileSource.GALILEO));
    }

    private UploadService.Created createFromHash(String owner, String sha256) throws Exception {
        return uploads.create(owner, new Command.Create(null, null, sha256), null);
    }

    /** The user's events, as a test's session would receive them, until the test ends. */
    private UserEvents events(String owner) {
        UserEvents events = UserEvents.listen(registry, owner);
        cleanup.add(events::close);
        return events;
    }

    /** A job that holds the worker until the test ends; {@code started} opens when it has the worker. */
    private OcrJob blocker(String id, CountDownLatch started) {
        OcrEngine blocking = new OcrEngine() {
            @Override
            public String name() {
                return "blocking";
            }

            @Override
            public Set<String> contentTypes() {
                return Set.of("image/png");
            }

            @Override
            public void recognise(SeekableByteChannel image, String contentType, OcrListener listener) {
                started.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        return new OcrJob(id, () -> null, "image/png", blocking, new OcrJob.Progress() {
            @Override
            public boolean started() {
                return true;
            }

            @Override
            public boolean text(String soFar) {
                return true;
            }

            @Override
            public void processed(String rawText, String processedText) {
            }

            @Override
            public void failed(String message) {
            }

            @Override
            public void abandoned() {
            }
        });
    }

    @Test
    void resumesTheJobsARestartInterrupted() throws Exception {
        String owner = user("rita");
        StoredFile file = storedByAnotherProtocol(owner);
        UploadService.Created created = createFromHash(owner, file.getSha256());
        String id = created.upload().id();
        // What a crash leaves behind: processing, but no job any more, under a lease of the crashed run.
        assertTrue(records.startProcessing(id, created.ocrJob()));
        probe.interrupted(id, 1);
        assertFalse(ocr.hasJob(id));
        UserEvents events = events(owner);

        // This sweep, or the periodic one if it came first.
        takeover.sweep();

        assertEquals("processed", events.finalStatus(id).getString("status"));
        assertEquals(UploadStatus.PROCESSED, uploads.retrieve(owner, id).status());
    }

    @Test
    void aFullQueuePutsTheUploadInErrorAndDeletingCancelsAWaitingJob() throws Exception {
        String owner = user("sam");
        CountDownLatch running = new CountDownLatch(1);
        assertTrue(ocr.submit(blocker("blocker-1", running)));
        assertTrue(running.await(WAIT_SECONDS, TimeUnit.SECONDS), "the blocker has the only worker");

        StoredFile first = storedByAnotherProtocol(owner);
        UploadService.Created waitingCreated = createFromHash(owner, first.getSha256());
        UploadView waiting = waitingCreated.upload();
        uploads.startOcr(waiting, waitingCreated.ocrJob());
        assertTrue(ocr.hasJob(waiting.id()), "first in the queue");
        assertTrue(ocr.submit(blocker("blocker-2", new CountDownLatch(1))), "second in the queue");

        UploadService.Created refusedCreated = createFromHash(owner, storedByAnotherProtocol(owner).getSha256());
        UploadView refused = refusedCreated.upload();
        uploads.startOcr(refused, refusedCreated.ocrJob());
        UploadView failed = uploads.retrieve(owner, refused.id());
        assertEquals(UploadStatus.ERROR, failed.status());
        assertEquals("OCR queue is full (2 jobs waiting); try again later by setting status to \"pending\".",
                failed.error());

        String fileId = records.fileId(waiting.id()).orElseThrow();
        uploads.delete(owner, waiting.id(), null);
        assertFalse(ocr.hasJob(waiting.id()), "its job left the queue");
        assertTrue(files.find(fileId).isEmpty(), "the upload's own file record is gone");
        assertTrue(files.find(first.getId()).isPresent(), "the other protocol's file is untouched");
    }

    @Test
    void imageHashMakesAnUploadOfContentAnotherProtocolStored() throws Exception {
        String owner = user("uma");
        StoredFile original = storedByAnotherProtocol(owner);
        UserEvents events = events(owner);

        UploadService.Created created = createFromHash(owner, original.getSha256());
        assertFalse(created.duplicate());
        UploadView upload = created.upload();
        assertEquals(original.getSha256(), upload.imageHash());
        assertEquals(original.getSize(), upload.size());
        assertEquals("image/png", upload.contentType());
        String fileId = records.fileId(upload.id()).orElseThrow();
        assertNotEquals(original.getId(), fileId, "the upload holds its own reference to the content");
        assertEquals(FileSource.UPLOAD_API, files.find(fileId).orElseThrow().getSource());

        // The other protocol's file goes; the upload keeps the content.
        files.delete(original.getId());
        uploads.startOcr(upload, created.ocrJob());
        assertEquals("processed", events.finalStatus(upload.id()).getString("status"));
        assertTrue(blobs.find(original.getSha256()).isPresent());

        assertTrue(createFromHash(owner, original.getSha256()).duplicate());
    }
}
