package io.wsingest.galileo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.ServerLog;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.TmpfsStore;
import io.wsingest.testing.Unique;
import io.wsingest.testing.WsClient;

/**
 * A chunk acknowledged on receipt whose write then fails: the upload still ends with the documented fatal error, and
 * nothing is kept. The write fails for real, at the free-disk reserve: the deployment keeps its blob store in a
 * {@link TmpfsStore} with the reserve {@link #HEADROOM} below the tmpfs's free space. Mid-upload the
 * test fills the tmpfs past the reserve with a file of its own, and the server's next write meets a full disk. Chunks
 * are 2 MiB, more than the disk share a writer holds between two checks (1 MiB), so that write is the next chunk's.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GalileoWriteBehindIT {

    private static final long MIB = 1L << 20;
    private static final int CHUNK = 2 * (int) MIB;
    private static final long HEADROOM = 128 * MIB;
    /** Filled past the reserve by this much: room for other tests' files on the tmpfs to be deleted meanwhile. */
    private static final long PAST_THE_RESERVE = 64 * MIB;
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String STORAGE_FULL = "Storage full: the server cannot take the file now, try again later";

    private static TmpfsStore store;

    @ArquillianResource
    URL url;

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        store = TmpfsStore.withHeadroom("ws-ingest-write-behind-", HEADROOM);
        return Deployments.withSettings(store.settings("wsingest.galileo.chunk-size=" + CHUNK,
                "wsingest.galileo.write-behind-bytes=" + 4 * CHUNK)).addClass(GalileoProbeServlet.class);
    }

    @AfterAll
    static void deleteStore() throws IOException {
        store.delete();
    }

    @Test
    void aWriteThatFailsAfterItsChunkWasAcknowledgedEndsTheUploadAndKeepsNothing() throws Exception {
        TestServer server = new TestServer(url);
        GalileoProbe probe = new GalileoProbe(server);
        String user = Unique.name("late-failure-");
        byte[] chunk = new byte[CHUNK];
        new Random(23).nextBytes(chunk);
        ServerLog log = ServerLog.mark();
        List<String> before = probe.spools();
        String spool;
        try (GalileoClient client = new GalileoClient(WsClient.connect(server.ws("ws/galileo",
                TestServer.token(user))))) {
            client.sendMetadata("late.bin", 8L * CHUNK);
            assertEquals(CHUNK, client.awaitReady());
            for (int i = 0; i < 2; i++) {
                client.sendChunk(chunk, 0, CHUNK);
                client.awaitReady();
            }
            spool = probe.newSpool(before);
            // Both written: the next write is the first to meet the full disk.
            awaitSize(store.dir().resolve("spool").resolve(spool), 2L * CHUNK);

            Path filler = fillPastTheReserve();
            try {
                client.sendChunk(chunk, 0, CHUNK);

                assertEquals(CHUNK, client.awaitReady(), "the chunk is acknowledged on receipt, before its write");
                JsonObject error = client.awaitSignal();
                assertEquals(STORAGE_FULL, error.getString("error", null), error::toString);
                assertEquals(JsonValue.TRUE, error.get("fatal"));
                assertEquals(1013, client.awaitClose().getCloseCode().getCode());
            } finally {
                Files.delete(filler);
            }
        }
        probe.assertSpoolGone(spool);
        assertEquals(0, probe.storedFiles(user).size(), "nothing kept");
        assertTrue(log.awaitLine("failed: " + STORAGE_FULL).stream()
                .anyMatch(line -> line.contains("user " + user)), "the failure is logged with its user");
    }

    /** Writes a file that leaves the tmpfs {@link #PAST_THE_RESERVE} below the server's minimum free space. */
    private static Path fillPastTheReserve() throws IOException {
        Path filler = store.dir().resolve("filler.bin");
        long bytes = Files.getFileStore(store.dir()).getUsableSpace() - store.minFreeBytes() + PAST_THE_RESERVE;
        ByteBuffer zeros = ByteBuffer.allocate((int) MIB);
        try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // Written, not sized: a tmpfs file takes memory, and so free space, only for the pages written.
            for (long written = 0; written < bytes; written += MIB) {
                out.write(zeros.clear());
            }
        }
        return filler;
    }

    private static void awaitSize(Path file, long size) throws IOException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (Files.size(file) < size) {
            assertTrue(System.nanoTime() < deadline, () -> file + " did not reach " + size + " bytes");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
