package io.wsingest.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;

import io.wsingest.galileo.GalileoClient;
import io.wsingest.live.LiveClients;
import io.wsingest.storage.Sha256;
import io.wsingest.streamreq.StreamTestClient;
import io.wsingest.upload.UploadClient;
import io.wsingest.uploadapi.UploadApiClient;

/**
 * A user who is not the attacker, going about their business while an attack runs: the load balancer's health
 * probe, then one ordinary upload through each of protocols A, B, C and D and a short live stream on E, each checked
 * byte for byte. The attack suite calls {@link #assertUnharmed()} while its attack is under way; a failure names the
 * protocol that was hurt. A server without OCR is checked with {@link #assertServedWithoutOcr()}.
 *
 * <p>Every call is a new user with a new project and channel, so quotas, per-user limits and earlier calls never
 * interfere. The sizes are small on purpose: the point is that the request is served at all, not how fast.
 */
public final class Bystander {

    private static final int FILE_BYTES = 256 * 1024;
    private static final int LIVE_CHUNKS = 8;

    private final TestServer server;
    private final Random random = new Random();

    public Bystander(TestServer server) {
        this.server = server;
    }

    /** Asserts that the health probe and every protocol still serve a user who is not the attacker. */
    public void assertUnharmed() throws Exception {
        String user = Unique.name("bystander-");
        step("GET /health", this::assertHealthy);
        step("protocol A upload", () -> uploadThroughA(user));
        step("protocol B upload", () -> uploadThroughB(user));
        step("protocol C stream", () -> uploadThroughC(user));
        step("protocol D create", () -> uploadThroughD(user));
        step("protocol E live stream", () -> relayThroughE(user));
    }

    /**
     * Asserts that protocols A, B, C and E serve as always on a server that runs no OCR (turned off, or its engine
     * could not start), where protocol D refuses new uploads.
     */
    public void assertServedWithoutOcr() throws Exception {
        String user = Unique.name("no-ocr-");
        step("protocol A upload", () -> uploadThroughA(user));
        step("protocol B upload", () -> uploadThroughB(user));
        step("protocol C stream", () -> uploadThroughC(user));
        step("protocol E live stream", () -> relayThroughE(user));
    }

    /** A new token at each use: the helper lives as long as the suite, longer than a token's ten minutes. */
    private static String admin() {
        return TestServer.adminToken("root");
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void step(String what, Check check) throws Exception {
        try {
            check.run();
        } catch (AssertionError | Exception e) {
            throw new AssertionError("a bystander's " + what + " failed: " + e, e);
        }
    }

    private void assertHealthy() throws Exception {
        var health = server.get("health", null);
        assertEquals(200, health.statusCode(), health.body());
    }

    /** A project of the bystander's own, a whole upload, and the stored file read back through the HTTP API. */
    private void uploadThroughA(String user) throws Exception {
        String project = Unique.name("by");
        var created = server.postJson("api/projects", admin(), "{\"id\":\"" + project + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(204, server.put("api/projects/" + project + "/members/" + user, admin()).statusCode());
        byte[] data = content();
        try (UploadClient client = UploadClient.connect(server, user, "id=" + project + "&saveMedia=true")) {
            client.uploadAll("bystander.bin", data);
            client.awaitCompletion(data.length);
        }
        var files = server.get("api/projects/" + project + "/files", TestServer.token(user));
        assertEquals(200, files.statusCode(), files.body());
        String fileId = Json.array(files.body()).getJsonObject(0).getString("id");
        var stored = server.getBytes("api/projects/" + project + "/files/" + fileId + "/content",
                TestServer.token(user));
        assertEquals(200, stored.statusCode());
        assertArrayEquals(data, stored.body(), "the stored file is the uploaded bytes");
    }

    /** The browser client's exchange with a SHA-256 in the finished signal: the server stores only on a match. */
    private void uploadThroughB(String user) throws Exception {
        byte[] data = content();
        String finished = "{\"finished\":true,\"hash\":{\"type\":\"sha256\",\"value\":\"" + sha256(data) + "\"}}";
        WsClient ws = WsClient.connect(server.ws("ws/galileo", TestServer.token(user)));
        try (GalileoClient client = new GalileoClient(ws)) {
            JsonObject end = client.sendLikeTheBrowser("bystander.bin", data, finished);
            assertEquals(JsonValue.TRUE, end.get("close"), end::toString);
            CloseReason close = client.awaitClose();
            assertEquals(1000, close.getCloseCode().getCode(), close::toString);
        }
    }

    private void uploadThroughC(String user) throws Exception {
        byte[] data = content();
        int buffer = 65536;
        try (StreamTestClient client = StreamTestClient.connect(server.ws("ws/stream", TestServer.token(user)))) {
            JsonObject accepted = client.request(Map.of("route", "/upload-file", "x-stream",
                    data.length + ":" + buffer, "data-format", "bytes", "file-name", "bystander.bin"));
            StreamTestClient.assertStatus("0", accepted);
            client.sendData(data, 0, data.length, buffer);
            JsonObject done = client.next();
            StreamTestClient.assertStatus("0", done);
            assertEquals(sha256(data), done.getJsonObject("payload").getString("sha256"));
        }
    }

    private void uploadThroughD(String user) throws Exception {
        byte[] image = TestImages.png(24, 16, random.nextLong());
        try (UploadApiClient client = UploadApiClient.connect(server, "ws/core/upload/", user)) {
            JsonObject instance = client.create(image).getJsonObject("instance");
            assertEquals(sha256(image), instance.getString("image_hash"));
            assertEquals(image.length, instance.getJsonNumber("size").longValueExact());
        }
    }

    /** A receiver waiting on a channel of its own, then a publisher's chunks, each received identical and in order. */
    private void relayThroughE(String user) throws Exception {
        String channel = LiveClients.channel(user);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < LIVE_CHUNKS; i++) {
            byte[] chunk = new byte[4096 + i];
            random.nextBytes(chunk);
            chunks.add(chunk);
        }
        try (WsClient receiver = LiveClients.connect(server, channel, "k", "receive");
             WsClient publisher = LiveClients.connect(server, channel, "k", "publish")) {
            for (byte[] chunk : chunks) {
                publisher.sendBinary(ByteBuffer.wrap(chunk));
            }
            for (int i = 0; i < chunks.size(); i++) {
                ByteBuffer received = LiveClients.nextBinary(receiver);
                byte[] bytes = new byte[received.remaining()];
                received.get(bytes);
                assertArrayEquals(chunks.get(i), bytes, "live chunk " + i);
            }
        }
    }

    private byte[] content() {
        byte[] data = new byte[FILE_BYTES];
        random.nextBytes(data);
        return data;
    }

    private static String sha256(byte[] data) {
        var digest = Sha256.newDigest();
        digest.update(data);
        return Sha256.hex(digest);
    }
}
