package io.wsingest.upload;

import static io.wsingest.upload.UploadFixtures.content;
import static io.wsingest.upload.UploadFixtures.files;
import static io.wsingest.upload.UploadFixtures.project;
import static io.wsingest.upload.UploadFixtures.sha256;
import static io.wsingest.upload.UploadFixtures.uploadState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.Json;
import io.wsingest.testing.RawWebSocket;
import io.wsingest.testing.TestServer;

/** Protocol A end to end over real sockets: upload, resume, takeover, completion and the chain's life cycle. */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UploadIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL url;

    private TestServer server() {
        return new TestServer(url);
    }

    @Test
    void uploadsAMultiMegabyteFileWhoseStoredHashEqualsTheSource() throws Exception {
        TestServer server = server();
        String project = project(server, "amy");
        byte[] data = content(8 * 1024 * 1024 + 12345, 1);

        try (UploadClient client = UploadClient.connect(server, "amy", "id=" + project)) {
            JsonObject info = client.awaitStateInfo();
            assertFalse(info.getBoolean("IsInitialized"));
            assertEquals(JsonValue.NULL, info.get("FileName"));
            assertEquals(32768, info.getInt("BufferSize"));
            assertEquals(JsonValue.NULL, info.get("TotalFileSize"));
            assertEquals(0, info.getJsonNumber("CurrentFileOffset").longValue());
            assertEquals(5, info.size(), "exactly the document's keys: " + info);

            client.answer("survey/scan.bin", (long) data.length, 0);
            assertEquals(0, client.awaitHeartbeat(), "the first heartbeat marks the upload as initialised");
            client.sendRange(data, 0, data.length);
            client.awaitCompletion(data.length);
        }

        JsonArray files = files(server, project, "amy");
        assertEquals(1, files.size());
        JsonObject file = files.getJsonObject(0);
        assertEquals(sha256(data), file.getString("sha256"));
        assertEquals(data.length, file.getJsonNumber("size").longValue());
        assertEquals("scan.bin", file.getString("fileName"), "only the name of a path is kept");
        assertEquals("amy", file.getString("ownerId"));
        assertEquals("UPLOAD", file.getString("source"));

        JsonObject upload = uploadState(server, project, "amy");
        assertEquals("COMPLETED", upload.getString("state"));
        assertEquals(file.getString("id"), upload.getString("fileId"));
        assertEquals(data.length, upload.getJsonNumber("currentFileOffset").longValue());
    }

    @Test
    void resumesOnANewSocketAfterTheConnectionDropsWithoutAClose() throws Exception {
        TestServer server = server();
        String project = project(server, "ben");
        byte[] data = content(3 * 1024 * 1024 + 77, 2);
        int firstPart = 2 * 1024 * 1024;

        // A raw socket, because it can drop the TCP connection without a closing handshake (abort()).
        RawWebSocket dropped = RawWebSocket.connect(server.ws("ws/Upload?id=" + project, TestServer.token("ben")));
        JsonObject offered = Json.object(dropped.awaitText());
        assertFalse(offered.getBoolean("IsInitialized"));
        dropped.sendText(FileStateInfoJson.write(new FileStateInfo(false, "big.iso", 32768, (long) data.length, 0)));
        assertEquals("0", dropped.awaitText());
        for (long offset = 0; offset < firstPart; offset += UploadClient.MAX_DATA) {
            ByteBuffer message = UploadClient.CODEC.encode(offset,
                    ByteBuffer.wrap(data, (int) offset, (int) Math.min(UploadClient.MAX_DATA, firstPart - offset)));
            dropped.sendBinary(message.array(), 0, message.remaining());
        }
        long lastHeartbeat;
        do {
            lastHeartbeat = Long.parseLong(dropped.awaitText());
        } while (lastHeartbeat < firstPart);
        dropped.abort();

        try (UploadClient client = UploadClient.connect(server, "ben", "id=" + project)) {
            JsonObject info = client.awaitStateInfo();
            assertTrue(info.getBoolean("IsInitialized"));
            assertEquals("big.iso", info.getString("FileName"));
            assertEquals(data.length, info.getJsonNumber("TotalFileSize").longValue());
            long resumeAt = info.getJsonNumber("CurrentFileOffset").longValue();
            assertTrue(resumeAt >= lastHeartbeat, "no byte a heartbeat reported is lost: " + resumeAt);

            client.answer("big.iso", (long) data.length, resumeAt);
            assertEquals(resumeAt, client.awaitHeartbeat());
            client.sendRange(data, resumeAt, data.length);
            client.awaitCompletion(data.length);
        }
        assertEquals(sha256(data), files(server, project, "ben").getJsonObject(0).getString("sha256"));
    }

    @Test
    void aNewerSocketTakesTheUploadOverOnceItsAnswerStandsAndTheOlderOneIsRefused() throws Exception {
        TestServer server = server();
        String project = project(server, "cat");
        byte[] data = content(1024 * 1024, 3);
        int firstPart = 300_000;

        try (UploadClient older = UploadClient.connect(server, "cat", "id=" + project)) {
            older.awaitStateInfo();
            older.answer("race.bin", (long) data.length, 0);
            assertEquals(0, older.awaitHeartbeat());
            older.sendRange(data, 0, firstPart);
            older.awaitHeartbeatOf(firstPart);

            try (UploadClient newer = UploadClient.connect(server, "cat", "id=" + project)) {
                JsonObject info = newer.awaitStateInfo();
                assertTrue(info.getBoolean("IsInitialized"));
                assertEquals(firstPart, info.getJsonNumber("CurrentFileOffset").longValue(),
                        "the older socket's bytes were made durable when it was taken over");

                // Until the newer socket has answered, the upload is still the older one's.
                older.send(firstPart, data, firstPart, 1000);
                older.awaitHeartbeatOf(firstPart + 1000);

                newer.answer("race.bin", (long) data.length, firstPart);
                assertEquals(firstPart, newer.awaitHeartbeat(), "the upload continues from the offer");
                older.send(firstPart + 1000, data, firstPart + 1000, 1000);
                older.assertClosedWith(1008, "Upload reconnected during receiving data from last websocket");

                newer.sendRange(data, firstPart, data.length);
                newer.awaitCompletion(data.length);
            }
        }
        assertEquals(sha256(data), files(server, project, "cat").getJsonObject(0).getString("sha256"));
    }

    @Test
    void anInterruptedUploadCannotBeRestartedUntilItsChainIsDestroyed() throws Exception {
        TestServer server = server();
        String project = project(server, "dan");
        byte[] data = content(100_000, 4);

        try (UploadClient client = UploadClient.connect(server, "dan", "id=" + project)) {
            client.awaitStateInfo();
            client.answer("first.bin", (long) data.length, 0);
            assertEquals(0, client.awaitHeartbeat());
            client.sendRange(data, 0, 50_000);
            client.awaitHeartbeatOf(50_000);
        }

        try (UploadClient client = UploadClient.connect(server, "dan", "id=" + project)) {
            JsonObject info = client.awaitStateInfo();
            assertTrue(info.getBoolean("IsInitialized"));
            assertEquals(50_000, info.getJsonNumber("CurrentFileOffset").longValue());
            client.answer("second.bin", 10L, 0);
            client.assertClosedWith(1008, "Upload cannot be restarted, destroy chain and try again");
        }

        JsonObject interrupted = uploadState(server, project, "dan");
        assertEquals("IN_PROGRESS", interrupted.getString("state"));
        assertEquals(50_000, interrupted.getJsonNumber("currentFileOffset").longValue());
        assertFalse(interrupted.getBoolean("connected"));
        assertFalse(interrupted.isNull("restorableUntil"));

        assertEquals(204, server.delete("api/projects/" + project + "/upload", TestServer.token("dan")).statusCode());
        assertEquals(404, server.get("api/projects/" + project + "/upload", TestServer.token("dan")).statusCode());

        byte[] second = content(10, 5);
        try (UploadClient client = UploadClient.connect(server, "dan", "id=" + project)) {
            assertEquals(0, client.uploadAll("second.bin", second));
            client.awaitCompletion(second.length);
        }
        JsonArray files = files(server, project, "dan");
        assertEquals(1, files.size(), "the destroyed upload left no file");
        assertEquals("second.bin", files.getJsonObject(0).getString("fileName"));
    }

    @Test
    void aCompletedChainRefusesUploadsUntilItIsDestroyed() throws Exception {
        TestServer server = server();
        String project = project(server, "eve");
        byte[] data = content(5000, 6);
        try (UploadClient client = UploadClient.connect(server, "eve", "id=" + project)) {
            client.uploadAll("done.bin", data);
            client.awaitCompletion(data.length);
        }

        try (UploadClient client = UploadClient.connect(server, "eve", "id=" + project)) {
            client.assertClosedWith(1008, "Cannot upload, already completed");
        }

        // Administrators may destroy a chain too, without being members.
        assertEquals(204, server.delete("api/projects/" + project + "/upload", UploadFixtures.admin()).statusCode());
        try (UploadClient client = UploadClient.connect(server, "eve", "id=" + project)) {
            assertFalse(client.awaitStateInfo().getBoolean("IsInitialized"));
        }
        assertEquals(1, files(server, project, "eve").size(), "destroying the chain keeps the stored file");
    }

    @Test
    void anEmptyFileCompletesRightAfterTheHandshake() throws Exception {
        TestServer server = server();
        String project = project(server, "fay");
        try (UploadClient client = UploadClient.connect(server, "fay", "id=" + project)) {
            client.awaitStateInfo();
            client.answer("empty.txt", 0L, 0);
            assertEquals(0, client.awaitHeartbeat());
            client.awaitCompletion(0);
        }
        assertEquals(sha256(new byte[0]), files(server, project, "fay").getJsonObject(0).getString("sha256"));
    }

    @Test
    void theClientsNormalCloseCompletesAnUploadOfUnknownSize() throws Exception {
        TestServer server = server();
        String project = project(server, "gus");
        byte[] data = content(200_000, 7);
        // A raw socket, because it waits for the server's close frame before closing the connection.
        try (RawWebSocket raw = RawWebSocket.connect(
                server.ws("ws/Upload?id=" + project + "&saveMedia=true", TestServer.token("gus")))) {
            raw.awaitText();
            raw.sendText(FileStateInfoJson.write(new FileStateInfo(false, "recording.raw", 32768, null, 0)));
            assertEquals("0", raw.awaitText());
            for (long offset = 0; offset < data.length; offset += UploadClient.MAX_DATA) {
                ByteBuffer message = UploadClient.CODEC.encode(offset,
                        ByteBuffer.wrap(data, (int) offset, (int) Math.min(UploadClient.MAX_DATA, data.length - offset)));
                raw.sendBinary(message.array(), 0, message.remaining());
            }
            assertEquals(1000, raw.closeNormally(1000));
        }
        JsonObject upload = UploadFixtures.awaitUploadState(server, project, "gus", "COMPLETED");
        assertEquals(data.length, upload.getJsonNumber("currentFileOffset").longValue());
        assertEquals(sha256(data), files(server, project, "gus").getJsonObject(0).getString("sha256"));
    }

    @Test
    void downloadsAStoredFileWholeAndByRange() throws Exception {
        TestServer server = server();
        String project = project(server, "hal");
        byte[] data = content(70_000, 8);
        try (UploadClient client = UploadClient.connect(server, "hal", "id=" + project)) {
            client.uploadAll("photo.jpg", data);
            client.awaitCompletion(data.length);
        }
        String fileId = files(server, project, "hal").getJsonObject(0).getString("id");
        String content = "api/projects/" + project + "/files/" + fileId + "/content";

        var whole = Http.get(server.http(content), TestServer.token("hal"), null);
        assertEquals(200, whole.statusCode());
        assertEquals(sha256(data), sha256(whole.body()));
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElse(""));

        var part = Http.get(server.http(content), TestServer.token("hal"), "bytes=1000-1999");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 1000-1999/70000", part.headers().firstValue("Content-Range").orElse(""));
        assertEquals(sha256(java.util.Arrays.copyOfRange(data, 1000, 2000)), sha256(part.body()));

        var tail = Http.get(server.http(content), TestServer.token("hal"), "bytes=-10");
        assertEquals(206, tail.statusCode());
        assertEquals(sha256(java.util.Arrays.copyOfRange(data, 69_990, 70_000)), sha256(tail.body()));

        var beyond = Http.get(server.http(content), TestServer.token("hal"), "bytes=70000-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */70000", beyond.headers().firstValue("Content-Range").orElse(""));

        assertEquals(200, server.get("api/projects/" + project + "/files/" + fileId, UploadFixtures.admin()).statusCode());
        assertEquals(404, Http.get(server.http(content), TestServer.token("ivy"), null).statusCode(),
                "a non-member cannot download");
        assertEquals(404, server.get("api/projects/" + project + "/files", TestServer.token("ivy")).statusCode());
        assertEquals(404, server.get("api/projects/" + project + "/upload", TestServer.token("ivy")).statusCode());
        assertEquals(404, server.delete("api/projects/" + project + "/upload", TestServer.token("ivy")).statusCode());
    }

    /** Byte responses, which TestServer (text) does not do. */
    static final class Http {
        private static final HttpClient CLIENT = HttpClient.newHttpClient();

        static java.net.http.HttpResponse<byte[]> get(URI uri, String token, String range) throws Exception {
            var request = java.net.http.HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
            if (range != null) {
                request.header("Range", range);
            }
            return CLIENT.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
