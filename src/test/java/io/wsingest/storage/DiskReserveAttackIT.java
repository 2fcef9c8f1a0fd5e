package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.galileo.GalileoClient;
import io.wsingest.streamreq.StreamTestClient;
import io.wsingest.testing.Bystander;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.ServerLog;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.TmpfsStore;
import io.wsingest.testing.WsClient;

/**
 * Many writers at once against the free-disk reserve, on a real file system: the deployment puts its blob store in a
 * directory of its own on {@code /dev/shm} (a tmpfs nothing else on the machine writes to, unlike the disk under
 * {@code target/}, whose free space other builds move by hundreds of MiB a minute) and sets
 * {@code wsingest.storage.min-free-bytes} to that file system's free space minus {@link #HEADROOM}, so the attack can
 * fill at most that much. Each attacker announces a file larger than the headroom, so none can finish: all must be
 * refused at the reserve, and their partial files discarded.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DiskReserveAttackIT {

    private static final long MIB = 1L << 20;
    private static final long HEADROOM = 48 * MIB;
    private static final long FILE_SIZE = 2 * HEADROOM;
    private static final int WRITERS = 16;
    private static final int CHUNK = 256 * 1024;
    /**
     * The server's own bookkeeping, never near a MiB; writers that each checked the disk on their own every 4 MiB
     * (as before) could together go up to 16 x 4 MiB past the reserve.
     */
    private static final long SLACK = 1 * MIB;
    private static final String STORAGE_FULL = "Storage full: the server cannot take the file now, try again later";

    private static TmpfsStore store;

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        store = TmpfsStore.withHeadroom("ws-ingest-reserve-", HEADROOM);
        return Deployments.withSettings(store.settings());
    }

    @AfterAll
    static void deleteStore() throws IOException {
        store.delete();
    }

    @ArquillianResource
    URL url;

    @Test
    void parallelWritersAreRefusedAtTheReserveWithoutGoingPastIt() throws Exception {
        TestServer server = new TestServer(url);
        ServerLog log = ServerLog.mark();
        FileStore disk = Files.getFileStore(store.dir());
        long headroomAtStart = disk.getUsableSpace() - store.minFreeBytes();
        assertTrue(headroomAtStart > HEADROOM / 2, "something else filled the file system: only " + headroomAtStart
                + " bytes above the reserve");
        AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch attackOver = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        List<String> endings = new ArrayList<>();
        try {
            Future<?> sampler = pool.submit(() -> {
                // About once a millisecond: often enough to see every MiB written, without taking a core.
                do {
                    lowest.accumulateAndGet(usable(disk), Math::min);
                } while (!attackOver.await(1, TimeUnit.MILLISECONDS));
                return null;
            });
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String user = StreamTestClient.uniqueUser("filler" + i);
                writers.add(pool.submit(() -> {
                    start.await();
                    return writeUntilRefused(server, user);
                }));
            }
            start.countDown();
            for (Future<String> writer : writers) {
                endings.add(writer.get(120, TimeUnit.SECONDS));
            }
            attackOver.countDown();
            sampler.get(10, TimeUnit.SECONDS);
        } finally {
            attackOver.countDown();
            pool.shutdownNow();
        }

        assertEquals(List.of(STORAGE_FULL), endings.stream().distinct().toList(), endings::toString);
        long below = store.minFreeBytes() - lowest.get();
        assertTrue(below <= SLACK, "the free disk went " + below + " bytes below the reserve of " + store.minFreeBytes());
        assertTrue(log.newLines().stream().filter(line -> line.contains("failed: " + STORAGE_FULL)).count() >= WRITERS,
                "every refusal is logged");
        log.assertNoOutOfMemoryError();

        // The attackers come back and hold uploads open: refused partial files were discarded, and an upload that
        // is open but idle holds little of the disk, so another user is served.
        List<GalileoClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < WRITERS; i++) {
                GalileoClient client = galileo(server, StreamTestClient.uniqueUser("idler" + i));
                idle.add(client);
                client.sendMetadata("fill.bin", FILE_SIZE);
                client.awaitReady();
                client.sendChunk(new byte[CHUNK], 0, CHUNK);
                client.awaitReady();
            }
            new Bystander(server).assertUnharmed();
        } finally {
            for (GalileoClient client : idle) {
                client.close();
            }
        }
    }

    /** Announces a file larger than the margin and sends chunks until an error signal ends it; returns that error. */
    private static String writeUntilRefused(TestServer server, String user) throws Exception {
        byte[] chunk = new byte[CHUNK];
        try (GalileoClient client = galileo(server, user)) {
            client.sendMetadata("fill.bin", FILE_SIZE);
            while (true) {
                JsonObject signal = client.awaitSignal();
                if (!signal.getBoolean("ready", false)) {
                    assertEquals(1013, client.awaitClose().getCloseCode().getCode());
                    return signal.getString("error");
                }
                client.sendChunkUnlessClosed(chunk, 0, Math.min(chunk.length, signal.getInt("chunksize")));
            }
        }
    }

    private static GalileoClient galileo(TestServer server, String user) throws Exception {
        return new GalileoClient(WsClient.connect(server.ws("ws/galileo", TestServer.token(user))));
    }

    private static long usable(FileStore disk) {
        try {
            return disk.getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
