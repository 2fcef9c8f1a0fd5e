package io.wsingest.websocket;

import static io.wsingest.streamreq.StreamTestClient.assertStatus;
import static io.wsingest.streamreq.StreamTestClient.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.galileo.GalileoClient;
import io.wsingest.live.LiveClients;
import io.wsingest.live.LiveClose;
import io.wsingest.streamreq.StreamTestClient;
import io.wsingest.testing.Json;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.ServerLog;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;
import io.wsingest.testing.WsClient;
import io.wsingest.upload.UploadClient;
import io.wsingest.upload.UploadFixtures;
import io.wsingest.uploadapi.UploadApiClient;

/**
 * The application is redeployed while a socket of every protocol is open, each in the middle of what it does: an A
 * upload, a B file, a C stream, a subscribed D socket, an E publisher and its receiver. Each protocol closes its own
 * sockets with its documented shutdown close (A and C after telling the client where the upload resumes), the server
 * log says how many each closed, and the uploads continue on the new deployment as their pages tell a client to.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShutdownIT {

    private static final String APP = "redeployed-with-sockets";
    private static final String SHUTTING_DOWN = "Server shutting down";
    private static final int STREAM_BUFFER = 4096;

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void everyProtocolClosesItsSocketsWithItsOwnCloseAndTheUploadsResume() throws Exception {
        TestServer server = TestServer.atTestPort();
        String user = Unique.name("shutdown-");
        byte[] upload = UploadFixtures.content(2 * 1024 * 1024, 18);
        byte[] stream = StreamTestClient.randomBytes(256 * 1024, 18);
        byte[] file = UploadFixtures.content(300 * 1024, 19);
        String channel = LiveClients.channel("shutdown");
        deployer.deploy(APP);
        try {
            String project = UploadFixtures.project(server, user);
            long uploadResumesAt;
            long streamResumesAt;
            String streamKey;
            try (UploadClient a = UploadClient.connect(server, user, "id=" + project);
                 GalileoClient b = new GalileoClient(WsClient.connect(server.ws("ws/galileo", TestServer.token(user))));
                 StreamTestClient c = StreamTestClient.connect(server.ws("ws/stream", TestServer.token(user)));
                 UploadApiClient d = UploadApiClient.connect(server, "ws/core/upload/", user);
                 WsClient receiver = LiveClients.connect(server, channel, "k1", "receive");
                 WsClient publisher = LiveClients.connect(server, channel, "k1", "publish")) {
                a.awaitStateInfo();
                a.answer("half.bin", (long) upload.length, 0);
                assertEquals(0, a.awaitHeartbeat());
                a.sendRange(upload, 0, upload.length / 2);

                b.sendMetadata("half.bin", file.length);
                int chunk = b.awaitReady();
                b.sendChunk(file, 0, chunk);
                b.awaitReady();

                JsonObject accepted = c.request(Map.of("route", "/upload-file",
                        "x-stream", stream.length + ":" + STREAM_BUFFER, "x-request-id", "s-1"));
                assertStatus("0", accepted);
                streamKey = header(accepted, "x-stream-key");
                c.sendData(stream, 0, stream.length / 2, STREAM_BUFFER);

                d.command("{\"type\":\"subscribe\"}", "subscribed");

                publisher.sendBinary(LiveClients.chunk("first"));
                assertEquals("first", LiveClients.nextChunk(receiver));

                ServerLog log = ServerLog.mark();
                deployer.undeploy(APP);

                uploadResumesAt = lastHeartbeat(a.ws());
                a.assertClosedWith(1001, SHUTTING_DOWN);

                assertEquals(List.of("{\"error\":\"Server shutting down\",\"fatal\":true}"), texts(b.ws()));
                assertClosedWith(b.ws(), 1001, SHUTTING_DOWN);

                JsonObject goodbye = lastPacket(c.ws());
                assertStatus("11", goodbye);
                assertEquals(streamKey, header(goodbye, "x-stream-key"));
                assertEquals("s-1", header(goodbye, "x-request-id"));
                streamResumesAt = Long.parseLong(header(goodbye, "x-stream-offset"));
                assertClosedWith(c.ws(), 1001, SHUTTING_DOWN);

                assertClosedWith(d.ws(), 1001, SHUTTING_DOWN);
                LiveClients.assertClosed(receiver, LiveClose.SHUTDOWN);
                LiveClients.assertClosed(publisher, LiveClose.SHUTDOWN);

                List<String> lines = log.newLines();
                for (String closed : List.of("1 'upload'", "1 'galileo'", "1 'stream'", "1 'uploadapi'", "2 'live'")) {
                    String expected = "Shutting down: closed " + closed + " connection(s)";
                    assertTrue(lines.stream().anyMatch(line -> line.contains(expected)),
                            () -> "the server log says '" + expected + "'");
                }
            }

            deployer.deploy(APP);
            resumeTheUpload(server, user, project, upload, uploadResumesAt);
            resumeTheStream(server, user, streamKey, stream, streamResumesAt);
            try (GalileoClient b = new GalileoClient(WsClient.connect(server.ws("ws/galileo", TestServer.token(user))))) {
                assertEquals("{\"close\":true}", b.sendLikeTheBrowser("again.bin", file, GalileoClient.FINISHED)
                        .toString(), "B sends the file again");
            }
        } finally {
            deployer.undeploy(APP);
        }
    }

    /** A continues from the offset of its last heartbeat: the server recorded it before the close. */
    private static void resumeTheUpload(TestServer server, String user, String project, byte[] upload, long offset)
            throws Exception {
        try (UploadClient a = UploadClient.connect(server, user, "id=" + project)) {
            assertEquals(offset, a.uploadAll("half.bin", upload), "the offset of the last heartbeat");
            a.awaitCompletion(upload.length);
        }
        JsonObject stored = UploadFixtures.files(server, project, user).getJsonObject(0);
        assertEquals(UploadFixtures.sha256(upload), stored.getString("sha256"));
    }

    /** C resumes by its key from the offset the shutdown packet named. */
    private static void resumeTheStream(TestServer server, String user, String key, byte[] stream, long offset)
            throws Exception {
        try (StreamTestClient c = StreamTestClient.connect(server.ws("ws/stream", TestServer.token(user)))) {
            JsonObject resumed = c.request(Map.of("route", "/upload-file",
                    "x-stream", stream.length + ":" + STREAM_BUFFER, "x-stream-key", key));
            assertStatus("0", resumed);
            assertEquals(Long.toString(offset), header(resumed, "x-stream-offset"));
            c.sendData(stream, (int) offset, stream.length, STREAM_BUFFER);
            JsonObject stored = c.next();
            assertStatus("0", stored);
            assertEquals(StreamTestClient.sha256(stream), stored.getJsonObject("payload").getString("sha256"));
        }
    }

    /** A's messages before its close are heartbeats; the last one is the offset the upload resumes from. */
    private static long lastHeartbeat(WsClient a) throws Exception {
        List<String> heartbeats = texts(a);
        assertTrue(!heartbeats.isEmpty() && heartbeats.stream().allMatch(text -> text.matches("\\d+")),
                () -> "heartbeats before the close: " + heartbeats);
        return Long.parseLong(heartbeats.get(heartbeats.size() - 1));
    }

    private static JsonObject lastPacket(WsClient c) throws Exception {
        List<String> packets = texts(c);
        assertTrue(!packets.isEmpty(), "a packet before the close");
        return Json.object(packets.get(packets.size() - 1));
    }

    /** The text messages the server sent before its close and the test has not read. */
    private static List<String> texts(WsClient client) throws Exception {
        List<Object> messages = client.messagesBeforeClose();
        assertTrue(messages.stream().allMatch(String.class::isInstance), () -> "only text messages: " + messages);
        return messages.stream().map(String.class::cast).toList();
    }

    private static void assertClosedWith(WsClient client, int code, String reason) throws Exception {
        CloseReason close = client.awaitClose();
        assertEquals(code + " " + reason, close.getCloseCode().getCode() + " " + close.getReasonPhrase());
    }
}
