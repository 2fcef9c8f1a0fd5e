package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
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
import io.wsingest.storage.FileCatalog;
import io.wsingest.storage.FileSource;
import io.wsingest.storage.NewFile;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.TestImages;

/**
 * OCR jobs under leases, on one node standing in for a cluster: made-up owners play the other nodes, alive (a lease in
 * the future) or dead (a lease that ran out). The leases last ten minutes here, so the periodic sweep never runs
 * during a test and every takeover is the test's own call.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("integration")
class OcrLeaseIT {

    private static final String LIVE_NODE = "node-elsewhere/live";
    private static final String DEAD_NODE = "node-gone/dead";

    @Deployment
    static WebArchive deployment() {
        return Deployments.withSettings("wsingest.cluster.lease-seconds=600")
                .addClasses(OcrLeaseIT.class, OcrRecoveryProbe.class, UserEvents.class, TestImages.class,
                        Deployments.class);
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
    OcrJobLeases leases;

    @Inject
    OcrRecoveryProbe probe;

    @Inject
    FileCatalog files;

    @Inject
    SessionRegistry registry;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeListeners() throws Exception {
        for (AutoCloseable each : cleanup) {
            each.close();
        }
    }

    private UserEvents events(String owner) {
        UserEvents events = UserEvents.listen(registry, owner);
        cleanup.add(events);
        return events;
    }

    /** A new upload of a small image, its lease this node's but its job not queued (the test decides). */
    private UploadService.Created created(String owner) throws Exception {
        byte[] png = TestImages.png(20, 20, System.nanoTime());
        String sha256 = files.store(new ByteArrayInputStream(png), new NewFile("scan.png", owner, null,
                FileSource.GALILEO)).getSha256();
        return uploads.create(owner, new Command.Create(null, null, sha256), null);
    }

    private static String user(String name) {
        return name + "-" + System.nanoTime();
    }

    @Test
    void aJobAnotherLiveNodeHoldsIsNotTakenOver() throws Exception {
        String owner = user("lena");
        String id = created(owner).upload().id();
        probe.interrupted(id, 1);
        probe.leasedTo(id, LIVE_NODE, 600);

        assertFalse(takeover.sweep().contains(id));

        assertFalse(ocr.hasJob(id));
        assertEquals(LIVE_NODE, probe.leaseOwner(id));
        assertEquals(UploadStatus.PROCESSING, uploads.retrieve(owner, id).status());
        assertEquals("1", probe.attempts(id));
    }

    @Test
    void aJobWhoseLeaseRanOutIsTakenOverAndProcessed() throws Exception {
        String owner = user("otto");
        String id = created(owner).upload().id();
        // Its node died during the first start of the job.
        probe.interrupted(id, 1);
        probe.leasedTo(id, DEAD_NODE, -1);
        UserEvents events = events(owner);

        assertTrue(takeover.sweep().contains(id));

        JsonObject last = events.finalStatus(id);
        assertEquals("processed", last.getString("status"), last::toString);
        assertEquals("2", probe.attempts(id), "the job started once more, here");
        assertEquals("", probe.leaseOwner(id), "the lease ended with the job");
    }

    @Test
    void anAbandonedJobLetsGoOfItsLeaseAndASweepRunsItAgain() throws Exception {
        String owner = user("rosa");
        UploadService.Created created = created(owner);
        String id = created.upload().id();
        UserEvents events = events(owner);
        // Its job was queued here and could not write its progress: still this run's lease, renewed, never run.
        assertTrue(takeover.sweep().stream().noneMatch(id::equals), "a live lease of this run is not taken");

        leases.abandoned(id, created.ocrJob());

        assertEquals("", probe.leaseOwner(id));
        assertTrue(takeover.sweep().contains(id));
        assertEquals("processed", events.finalStatus(id).getString("status"));
    }

    @Test
    void aJobThatLosesItsLeaseMidRunStopsWithoutWriting() throws Exception {
        String owner = user("pia");
        UploadService.Created created = created(owner);
        String id = created.upload().id();
        UserEvents events = events(owner);
        CountDownLatch leaseLost = new CountDownLatch(1);
        CompletableFuture<String> secondLine = new CompletableFuture<>();
        OcrEngine twoLines = new OcrEngine() {
            @Override
            public String name() {
                return "two lines";
            }

            @Override
            public Set<String> contentTypes() {
                return Set.of("image/png");
            }

            @Override
            public void recognise(SeekableByteChannel image, String contentType, OcrListener listener) {
                listener.onLine("first line");
                try {
                    leaseLost.await(UserEvents.WAIT_SECONDS, TimeUnit.SECONDS);
                    listener.onLine("second line");
                    secondLine.complete("reported");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException stopped) {
                    secondLine.complete("stopped");
                    throw stopped;
                }
            }
        };
        OcrJob job = new OcrJob(id, () -> null, "image/png", twoLines,
                new UploadJobProgress(records, leases, id, created.ocrJob()));
        assertTrue(ocr.submit(job));
        JsonObject event;
        do {
            event = events.next();
        } while (!"first line".equals(event.getString("streamed_text", null)));

        // Another node took the job over: this one stalled past its lease, say.
        probe.leasedTo(id, LIVE_NODE, 600);
        leaseLost.countDown();

        assertEquals("stopped", secondLine.get(UserEvents.WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(job.isCancelled());
        assertEquals(UploadStatus.PROCESSING, uploads.retrieve(owner, id).status(), "no result written");
        assertEquals(LIVE_NODE, probe.leaseOwner(id), "the lease is the other node's still");
        assertEquals("1", probe.attempts(id));
        // The deletion's event comes after anything the job could have published: nothing did.
        uploads.delete(owner, id, null);
        do {
            event = events.next();
            assertFalse(event.getString("streamed_text", "").contains("second line"), event::toString);
            assertFalse("processed".equals(event.getString("status", null)), event::toString);
        } while (!"Upload.deleted".equals(event.getString("type")));
    }

    @Test
    void twoSweepsAtOnceTakeEachJobOnce() throws Exception {
        String owner = user("quin");
        UserEvents events = events(owner);
        ExecutorService sweepers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String id = created(owner).upload().id();
                    probe.leasedTo(id, DEAD_NODE, -1);
                    ids.add(id);
                }
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<List<String>>> sweeps = new ArrayList<>();
                for (int s = 0; s < 2; s++) {
                    sweeps.add(sweepers.submit(() -> {
                        together.await(UserEvents.WAIT_SECONDS, TimeUnit.SECONDS);
                        return takeover.sweep();
                    }));
                }
                List<String> first = sweeps.get(0).get(UserEvents.WAIT_SECONDS, TimeUnit.SECONDS);
                List<String> second = sweeps.get(1).get(UserEvents.WAIT_SECONDS, TimeUnit.SECONDS);

                for (String id : ids) {
                    assertTrue(first.contains(id) != second.contains(id),
                            "round " + round + ": " + id + " taken by exactly one sweep: " + first + " / " + second);
                }
                Map<String, String> statuses = events.finalStatuses(ids);
                for (String id : ids) {
                    assertEquals("processed", statuses.get(id), "round " + round + ": " + id);
                    assertEquals("1", probe.attempts(id), "round " + round + ": " + id + " started once");
                }
            }
        } finally {
            sweepers.shutdownNow();
        }
    }
}
