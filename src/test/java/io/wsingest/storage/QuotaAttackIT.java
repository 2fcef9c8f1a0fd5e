package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.galileo.GalileoClient;
import io.wsingest.streamreq.StreamTestClient;
import io.wsingest.testing.Bystander;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.ServerLog;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;
import io.wsingest.testing.Unique;
import io.wsingest.upload.UploadClient;
import io.wsingest.uploadapi.UploadApiClient;

/**
 * A user who tries to store more than their quota, and more than the size limits allow, through protocols A to D.
 * The deployment gives each user 8 MiB ({@code wsingest.storage.user-quota-bytes}) and limits files to 4 MiB (A and
 * B) and images to 2 MiB (D). Every attack runs while a {@link Bystander}, another user, uploads through every
 * protocol.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class QuotaAttackIT {

    private static final long MIB = 1L << 20;
    private static final long QUOTA = 8 * MIB;
    private static final long MAX_FILE = 4 * MIB;
    private static final long MAX_IMAGE = 2 * MIB;
    private static final String ADMIN = TestServer.adminToken("root");
    /**
     * What A, B and C upload at a time: small, so that many uploads are stored while others are admitted, the moment
     * an admission could miss an upload turning from reservation into file.
     */
    private static final long PIECE = 256 * 1024;
    /** Each protocol's attacker stops at its first quota refusal; more attempts than this means there was none. */
    private static final int MAX_ATTEMPTS = (int) (QUOTA / PIECE) + 8;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings(
                "wsingest.storage.user-quota-bytes=" + QUOTA,
                "wsingest.upload.max-file-size=" + MAX_FILE,
                "wsingest.galileo.max-file-size=" + MAX_FILE,
                "wsingest.uploadapi.max-image-bytes=" + MAX_IMAGE);
    }

    @ArquillianResource
    URL url;

    /** What one protocol's attacker got: the bytes it stored, and the refusal that stopped it. */
    private record Outcome(String protocol, long stored, String refusal) {
    }

    @Test
    void aUserFillingTheQuotaThroughEveryProtocolAtOnceIsHeldToIt() throws Exception {
        TestServer server = new TestServer(url);
        ServerLog log = ServerLog.mark();
        String user = StreamTestClient.uniqueUser("mallory");
        ExecutorService attackers = Executors.newFixedThreadPool(4);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<Outcome>> running = List.of(
                    attackers.submit(untilRefused("A", () -> uploadThroughA(server, user, PIECE))),
                    attackers.submit(untilRefused("B", () -> uploadThroughB(server, user, PIECE))),
                    attackers.submit(untilRefused("C", () -> uploadThroughC(server, user, PIECE))),
                    attackers.submit(untilRefused("D", () -> uploadThroughD(server, user, 350))));

            new Bystander(server).assertUnharmed();

            for (Future<Outcome> outcome : running) {
                outcomes.add(outcome.get(120, TimeUnit.SECONDS));
            }
        } finally {
            attackers.shutdownNow();
        }

        for (Outcome outcome : outcomes) {
            assertTrue(outcome.refusal() != null, outcome.protocol() + " was never refused: " + outcome);
        }
        assertTrue(outcomes.get(0).refusal().matches("1009 Storage quota exceeded, \\d+B left of 8388608B"),
                outcomes.get(0)::toString);
        assertTrue(outcomes.get(1).refusal().matches("1009 Quota exceeded: \\d+ bytes announced, your storage quota"
                + " has room for \\d+ of 8388608 bytes"), outcomes.get(1)::toString);
        assertTrue(outcomes.get(2).refusal().matches("5 the user's storage quota has room for \\d+ bytes"
                + "|x-stream \\d+:65536"), outcomes.get(2)::toString);
        assertTrue(outcomes.get(3).refusal().matches("Your storage quota is full: it has room for \\d+ more of"
                + " 8388608 bytes\\."), outcomes.get(3)::toString);
        long stored = storedBy(server, user);
        assertEquals(outcomes.stream().mapToLong(Outcome::stored).sum(), stored, outcomes::toString);
        assertTrue(stored <= QUOTA, "stored " + stored + " bytes, over the quota of " + QUOTA);
        // The attack was real: the quota, not something else, stopped it.
        assertTrue(stored > QUOTA - 2 * MIB, "stored only " + stored + " bytes");
        log.assertNoOutOfMemoryError();
    }

    @Test
    void aTotalFileSizeOfLongMaxValueIsRefusedAtTheHandshake() throws Exception {
        TestServer server = new TestServer(url);
        String user = StreamTestClient.uniqueUser("mallory");
        String project = project(server, user);
        Bystander bystander = new Bystander(server);

        for (long total : new long[] {Long.MAX_VALUE, MAX_FILE + 1}) {
            try (UploadClient client = UploadClient.connect(server, user, "id=" + project)) {
                client.awaitStateInfo();
                client.answer("huge.bin", total, 0);
                bystander.assertUnharmed();
                // The close comes instead of the first heartbeat: the upload never began.
                client.assertClosedWith(1009, "File too large, the limit is " + MAX_FILE + "B");
            }
        }
        // Within the size limit but over what the quota has room for.
        assertEquals(new Attempt(MAX_FILE, null), uploadThroughA(server, user, MAX_FILE));
        assertEquals(new Attempt(MAX_FILE, null), uploadThroughA(server, user, MAX_FILE));
        try (UploadClient client = UploadClient.connect(server, user, "id=" + project(server, user))) {
            client.awaitStateInfo();
            client.answer("one-more.bin", 1L, 0);
            client.assertClosedWith(1009, "Storage quota exceeded, 0B left of " + QUOTA + "B");
        }
        assertEquals(2 * MAX_FILE, storedBy(server, user));
        // Nothing of the refused uploads was created: the projects hold no upload chain.
        assertEquals(404, server.get("api/projects/" + project + "/upload", TestServer.token(user)).statusCode());
    }

    /**
     * An upload of unknown size that another connection resumes counts what it had and every byte it receives on
     * top: with the rest of the quota stored meanwhile, its first byte more is refused.
     */
    @Test
    void anUploadOfUnknownSizeResumedWithTheQuotaFullCannotGrow() throws Exception {
        TestServer server = new TestServer(url);
        String user = StreamTestClient.uniqueUser("mallory");
        String project = project(server, user);
        byte[] had = StreamTestClient.randomBytes((int) (2 * MIB), System.nanoTime());
        try (UploadClient client = UploadClient.connect(server, user, "id=" + project)) {
            client.awaitStateInfo();
            client.answer("grows.bin", null, 0);
            assertEquals(0, client.awaitHeartbeat());
            client.sendRange(had, 0, had.length);
            client.awaitHeartbeatOf(had.length);
            // Not a normal close, which would complete an upload of unknown size: an interruption.
            client.ws().session().close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "interrupted"));
        }
        long rest = QUOTA - had.length;
        assertEquals(new Attempt(MAX_FILE, null), uploadThroughA(server, user, MAX_FILE));
        assertEquals(new Attempt(rest - MAX_FILE, null), uploadThroughA(server, user, rest - MAX_FILE));

        try (UploadClient client = UploadClient.connect(server, user, "id=" + project)) {
            assertEquals(had.length, client.awaitStateInfo().getJsonNumber("CurrentFileOffset").longValue());
            client.answer("grows.bin", null, had.length);
            assertEquals(had.length, client.awaitHeartbeat(), "the upload continues where it was");
            client.send(had.length, new byte[1], 0, 1);
            client.assertClosedWith(1009, "Storage quota exceeded, 0B left of " + QUOTA + "B");
        }
        assertEquals(rest, storedBy(server, user));
    }

    @Test
    void filesOverTheSizeLimitAreRefusedByGalileoSendAndTheUploadApi() throws Exception {
        TestServer server = new TestServer(url);
        String user = StreamTestClient.uniqueUser("mallory");
        Bystander bystander = new Bystander(server);

        try (GalileoClient client = galileo(server, user)) {
            client.sendMetadata("huge.bin", Long.MAX_VALUE);
            bystander.assertUnharmed();
            JsonObject error = client.awaitSignal();
            assertEquals("File too large: " + Long.MAX_VALUE + " bytes announced, the limit is " + MAX_FILE + " bytes",
                    error.getString("error"), error::toString);
            assertEquals(1009, client.awaitClose().getCloseCode().getCode());
        }

        byte[] tooLarge = TestImages.png(1000, 1000, 3);
        assertTrue(tooLarge.length > MAX_IMAGE);
        try (UploadApiClient client = UploadApiClient.connect(server, "ws/core/upload/", user)) {
            client.send(UploadApiClient.createMessage(tooLarge));
            bystander.assertUnharmed();
            JsonObject reply = client.next();
            assertEquals("Upload.created", reply.getString("type"), reply::toString);
            assertEquals("The image is larger than the limit of " + MAX_IMAGE + " bytes.",
                    reply.getJsonObject("error").getString("image_base64"), reply::toString);
            // The socket stays open for the next command.
            assertEquals(0, client.command("{\"type\":\"list\"}", "Upload.list").getInt("total"));
        }
        assertEquals(0, storedBy(server, user));
    }

    /** One attempt: the bytes stored, or the refusal. */
    private record Attempt(long stored, String refusal) {
    }

    @FunctionalInterface
    private interface Upload {
        Attempt run() throws Exception;
    }

    private static Callable<Outcome> untilRefused(String protocol, Upload upload) {
        return () -> {
            long stored = 0;
            for (int i = 0; i < MAX_ATTEMPTS; i++) {
                Attempt attempt = upload.run();
                if (attempt.refusal() != null) {
                    return new Outcome(protocol, stored, attempt.refusal());
                }
                stored += attempt.stored();
            }
            return new Outcome(protocol, stored, null);
        };
    }

    /** A whole upload of {@code size} random bytes into a new project of the user's. */
    private static Attempt uploadThroughA(TestServer server, String user, long size) throws Exception {
        byte[] data = StreamTestClient.randomBytes((int) size, System.nanoTime());
        try (UploadClient client = UploadClient.connect(server, user, "id=" + project(server, user))) {
            client.awaitStateInfo();
            client.answer("a.bin", size, 0);
            // The first heartbeat ("0") says the upload began; a refusal closes the connection instead.
            Instant deadline = Instant.now().plus(WsClient.WAIT);
            Object first;
            while ((first = client.ws().poll(Duration.ofMillis(100))) == null && client.ws().isOpen()
                    && Instant.now().isBefore(deadline)) {
                // Neither yet.
            }
            if (first == null) {
                CloseReason close = client.awaitClose();
                return new Attempt(0, close.getCloseCode().getCode() + " " + close.getReasonPhrase());
            }
            assertEquals("0", first);
            client.sendRange(data, 0, data.length);
            client.awaitCompletion(size);
            return new Attempt(size, null);
        }
    }

    private static Attempt uploadThroughB(TestServer server, String user, long size) throws Exception {
        byte[] data = StreamTestClient.randomBytes((int) size, System.nanoTime());
        try (GalileoClient client = galileo(server, user)) {
            JsonObject end = client.sendLikeTheBrowser("b.bin", data, GalileoClient.FINISHED);
            if (JsonValue.TRUE.equals(end.get("close"))) {
                return new Attempt(size, null);
            }
            CloseReason close = client.awaitClose();
            return new Attempt(0, close.getCloseCode().getCode() + " " + end.getString("error"));
        }
    }

    private static Attempt uploadThroughC(TestServer server, String user, long size) throws Exception {
        byte[] data = StreamTestClient.randomBytes((int) size, System.nanoTime());
        try (StreamTestClient client = StreamTestClient.connect(server.ws("ws/stream", TestServer.token(user)))) {
            JsonObject answer = client.request(Map.of("route", "/upload-file", "x-stream", size + ":65536",
                    "data-format", "bytes"));
            String status = StreamTestClient.header(answer, "status");
            if (!status.equals("0")) {
                return new Attempt(0, status + " " + StreamTestClient.header(answer, "error"));
            }
            String taken = StreamTestClient.header(answer, "x-stream");
            if (!taken.startsWith("0:")) {
                // Taken in part, the quota has room for less: the stream is given up so that it reserves nothing.
                StreamTestClient.assertStatus("0", client.request(Map.of("route", "/upload-file", "x-stream", "-1",
                        "x-stream-key", StreamTestClient.header(answer, "x-stream-key"))));
                return new Attempt(0, "x-stream " + taken);
            }
            client.sendData(data, 0, data.length, 65536);
            StreamTestClient.assertStatus("0", client.next());
            return new Attempt(size, null);
        }
    }

    /** A create with a PNG of random pixels, {@code side} pixels square (about 3 bytes a pixel). */
    private static Attempt uploadThroughD(TestServer server, String user, int side) throws Exception {
        byte[] image = TestImages.png(side, side, System.nanoTime());
        try (UploadApiClient client = UploadApiClient.connect(server, "ws/core/upload/", user)) {
            client.send(UploadApiClient.createMessage(image));
            JsonObject reply;
            do {
                // Status events of the user's earlier uploads may come first.
                reply = client.next();
            } while (!reply.getString("type").equals("Upload.created"));
            if (reply.containsKey("error")) {
                return new Attempt(0, reply.getJsonObject("error").getString("image_base64"));
            }
            assertFalse(reply.getBoolean("duplicate"));
            return new Attempt(image.length, null);
        }
    }

    private static GalileoClient galileo(TestServer server, String user) throws Exception {
        return new GalileoClient(WsClient.connect(server.ws("ws/galileo", TestServer.token(user))));
    }

    /** A new project with the user as its member. */
    private static String project(TestServer server, String user) throws Exception {
        String project = Unique.name("q");
        assertEquals(201, server.postJson("api/projects", ADMIN, "{\"id\":\"" + project + "\"}").statusCode());
        assertEquals(204, server.put("api/projects/" + project + "/members/" + user, ADMIN).statusCode());
        return project;
    }

    /** The total size of the user's stored files, whichever protocol brought them (protocol C's file list). */
    private static long storedBy(TestServer server, String user) throws Exception {
        try (StreamTestClient client = StreamTestClient.connect(server.ws("ws/stream", TestServer.token(user)))) {
            JsonObject reply = client.request(Map.of("route", "/files"));
            StreamTestClient.assertStatus("0", reply);
            JsonArray files = reply.getJsonArray("payload");
            long total = 0;
            for (JsonValue file : files) {
                total += file.asJsonObject().getJsonNumber("size").longValueExact();
            }
            return total;
        }
    }
}
