package io.wsingest.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

import io.wsingest.storage.Sha256;
import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;
import io.wsingest.testing.WsClient;

/** Projects, members and content for the upload integration tests, through the HTTP API. */
public final class UploadFixtures {

    private UploadFixtures() {
    }

    /** A new administrator's token at each use: one minted once would expire (ten minutes) before a suite ends. */
    static String admin() {
        return TestServer.adminToken("root");
    }

    static String uniqueId(String prefix) {
        return Unique.name(prefix);
    }

    /** A new project with these members; returns its id. */
    public static String project(TestServer server, String... members) throws Exception {
        String id = uniqueId("up");
        var created = server.postJson("api/projects", admin(), "{\"id\":\"" + id + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        for (String member : members) {
            assertEquals(204, server.put("api/projects/" + id + "/members/" + member, admin()).statusCode());
        }
        return id;
    }

    public static byte[] content(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    public static String sha256(byte[] data) {
        var digest = Sha256.newDigest();
        digest.update(data);
        return Sha256.hex(digest);
    }

    public static JsonArray files(TestServer server, String projectId, String user) throws Exception {
        var response = server.get("api/projects/" + projectId + "/files", TestServer.token(user));
        assertEquals(200, response.statusCode(), response.body());
        return Json.array(response.body());
    }

    static JsonObject uploadState(TestServer server, String projectId, String user) throws Exception {
        var response = server.get("api/projects/" + projectId + "/upload", TestServer.token(user));
        assertEquals(200, response.statusCode(), response.body());
        return Json.object(response.body());
    }

    /**
     * Waits until the chain reaches the state. Only for what the server does after the client's close frame (it
     * completes a stream then), which no message on the socket can show; other tests wait on the socket.
     */
    static JsonObject awaitUploadState(TestServer server, String projectId, String user, String state)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            JsonObject upload = uploadState(server, projectId, user);
            if (state.equals(upload.getString("state")) || Instant.now().isAfter(deadline)) {
                assertEquals(state, upload.getString("state"), upload.toString());
                return upload;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Gives the project's channel a receive key and connects a viewer of its {@code saveMedia=false} uploads, which
     * waits for one to publish.
     */
    public static WsClient liveViewer(TestServer server, String projectId, String key) throws Exception {
        var stored = server.putJson("api/live/channels/project-" + projectId + "/key", TestServer.adminToken("root"),
                "{\"key\":\"" + key + "\"}");
        assertTrue(stored.statusCode() / 100 == 2, stored.body());
        return WsClient.connect(server.ws("project-" + projectId + "/" + key + "/receive"));
    }

    /** Everything the viewer gets until the stream ends, which closes it. */
    public static byte[] watchUntilStreamEnds(WsClient viewer, int expectedBytes) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (received.size() < expectedBytes) {
            ByteBuffer chunk = viewer.awaitBinary();
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            received.write(bytes);
        }
        CloseReason end = viewer.awaitClose();
        assertEquals(1000, end.getCloseCode().getCode());
        assertEquals("Stream ended", end.getReasonPhrase());
        return received.toByteArray();
    }
}
