package io.wsingest.websocket;

import static io.wsingest.streamreq.StreamTestClient.assertStatus;
import static io.wsingest.streamreq.StreamTestClient.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

import io.wsingest.galileo.GalileoClient;
import io.wsingest.live.LiveClients;
import io.wsingest.live.LiveClose;
import io.wsingest.streamreq.StreamTestClient;
import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;
import io.wsingest.upload.UploadClient;
import io.wsingest.upload.UploadFixtures;
import io.wsingest.uploadapi.UploadApiClient;

/**
 * A socket of every protocol, each in the middle of what it does: an A upload half sent, a B file after its first
 * chunk, a C stream half sent, a subscribed D socket, an E publisher and its receiver with a chunk through. What the
 * shutdown tests have open when the application stops, and what they check then: each socket gets its protocol's
 * shutdown close (A and C after telling the client where the upload resumes), the server log counts them, and the
 * uploads go on once the application is back, as the protocol pages tell a client to.
 */
final class SocketsInFlight implements AutoCloseable {

    private static final String SHUTTING_DOWN = "Server shutting down";
    private static final int STREAM_BUFFER = 4096;
    /** The log lines of the closes, one per protocol, by the name each counts its connections under. */
    private static final List<String> CLOSES_LOGGED = List.of("1 'upload'", "1 'galileo'", "1 'stream'",
            "1 'uploadapi'", "2 'live'");

    private final String user;
    private final String project;
    private final byte[] upload = UploadFixtures.content(2 * 1024 * 1024, 18);
    private final byte[] stream = StreamTestClient.randomBytes(256 * 1024, 18);
    private final byte[] file = UploadFixtures.content(300 * 1024, 19);
    private UploadClient a;
    private GalileoClient b;
    private StreamTestClient c;
    private UploadApiClient d;
    private WsClient receiver;
    private WsClient publisher;
    private String streamKey;

    private SocketsInFlight(String user, String project) {
        this.user = user;
        this.project = project;
    }

    /** Opens the sockets as {@code user} (with a project of their own) and takes each to the middle of its work. */
    static SocketsInFlight open(TestServer server, String user) throws Exception {
        SocketsInFlight sockets = new SocketsInFlight(user, UploadFixtures.project(server, user));
        try {
            sockets.start(server);
        } catch (Exception | AssertionError e) {
            sockets.close();
            throw e;
        }
        return sockets;
    }

    /** A last: the upload is in progress from then on, and a client that sends nothing for a while is closed. */
    private void start(TestServer server) throws Exception {
        String channel = LiveClients.channel("shutdown");
        b = new GalileoClient(WsClient.connect(server.ws("ws/galileo", TestServer.token(user))));
        b.sendMetadata("half.bin", file.length);
        int chunk = b.awaitReady();
        b.sendChunk(file, 0, chunk);
        b.awaitReady();

        c = StreamTestClient.connect(server.ws("ws/stream", TestServer.token(user)));
        JsonObject accepted = c.request(Map.of("route", "/upload-file",
                "x-stream", stream.length + ":" + STREAM_BUFFER, "x-request-id", "s-1"));
        assertStatus("0", accepted);
        streamKey = header(accepted, "x-stream-key");
        c.sendData(stream, 0, stream.length / 2, STREAM_BUFFER);

        d = UploadApiClient.connect(server, "ws/core/upload/", user);
        d.command("{\"type\":\"subscribe\"}", "subscribed");

        receiver = LiveClients.connect(server, channel, "k1", "receive");
        publisher = LiveClients.connect(server, channel, "k1", "publish");
        publisher.sendBinary(LiveClients.chunk("first"));
        assertEquals("first", LiveClients.nextChunk(receiver));

        a = UploadClient.connect(server, user, "id=" + project);
        a.awaitStateInfo();
        a.answer("half.bin", (long) upload.length, 0);
        assertEquals(0, a.awaitHeartbeat());
        a.sendRange(upload, 0, upload.length / 2);
    }

    /**
     * Each socket got its protocol's shutdown close, after what the protocol sends before it.
     *
     * @return where the A upload and the C stream resume
     */
    Interrupted assertClosedForShutdown() throws Exception {
        long uploadResumesAt = lastHeartbeat(a.ws());
        a.assertClosedWith(1001, SHUTTING_DOWN);

        assertEquals(List.of("{\"error\":\"Server shutting down\",\"fatal\":true}"), texts(b.ws()));
        assertClosedWith(b.ws(), 1001, SHUTTING_DOWN);

        JsonObject goodbye = lastPacket(c.ws());
        assertStatus("11", goodbye);
        assertEquals(streamKey, header(goodbye, "x-stream-key"));
        assertEquals("s-1", header(goodbye, "x-request-id"));
        long streamResumesAt = Long.parseLong(header(goodbye, "x-stream-offset"));
        assertClosedWith(c.ws(), 1001, SHUTTING_DOWN);

        assertClosedWith(d.ws(), 1001, SHUTTING_DOWN);
        LiveClients.assertClosed(receiver, LiveClose.SHUTDOWN);
        LiveClients.assertClosed(publisher, LiveClose.SHUTDOWN);
        return new Interrupted(uploadResumesAt, streamResumesAt);
    }

    /** The server log says how many connections each protocol closed: one of A to D, and E's two. */
    static void assertClosesLogged(List<String> lines) {
        for (String closed : CLOSES_LOGGED) {
            String expected = "Shutting down: closed " + closed + " connection(s)";
            assertTrue(lines.stream().anyMatch(line -> line.contains(expected)),
                    () -> "the server log says '" + expected + "'");
        }
    }

    /** Where the interrupted uploads resume; what a client does once the application is back. */
    final class Interrupted {

        private final long uploadOffset;
        private final long streamOffset;

        private Interrupted(long uploadOffset, long streamOffset) {
            this.uploadOffset = uploadOffset;
            this.streamOffset = streamOffset;
        }

        /** A resumes from its last heartbeat, C from the offset of its shutdown packet, B sends its file again. */
        void resume(TestServer server) throws Exception {
            resumeTheUpload(server);
            resumeTheStream(server);
            try (GalileoClient again = new GalileoClient(
                    WsClient.connect(server.ws("ws/galileo", TestServer.token(user))))) {
                assertEquals("{\"close\":true}", again.sendLikeTheBrowser("again.bin", file, GalileoClient.FINISHED)
                        .toString(), "B sends the file again");
            }
        }

        /** A continues from the offset of its last heartbeat: the server recorded it before the close. */
        private void resumeTheUpload(TestServer server) throws Exception {
            try (UploadClient resumed = UploadClient.connect(server, user, "id=" + project)) {
                assertEquals(uploadOffset, resumed.uploadAll("half.bin", upload), "the offset of the last heartbeat");
                resumed.awaitCompletion(upload.length);
            }
            JsonObject stored = UploadFixtures.files(server, project, user).getJsonObject(0);
            assertEquals(UploadFixtures.sha256(upload), stored.getString("sha256"));
        }

        /** C resumes by its key from the offset the shutdown packet named. */
        private void resumeTheStream(TestServer server) throws Exception {
            try (StreamTestClient resumed = StreamTestClient.connect(server.ws("ws/stream", TestServer.token(user)))) {
                JsonObject answer = resumed.request(Map.of("route", "/upload-file",
                        "x-stream", stream.length + ":" + STREAM_BUFFER, "x-stream-key", streamKey));
                assertStatus("0", answer);
                assertEquals(Long.toString(streamOffset), header(answer, "x-stream-offset"));
                resumed.sendData(stream, (int) streamOffset, stream.length, STREAM_BUFFER);
                JsonObject stored = resumed.next();
                assertStatus("0", stored);
                assertEquals(StreamTestClient.sha256(stream), stored.getJsonObject("payload").getString("sha256"));
            }
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

    @Override
    public void close() throws Exception {
        for (AutoCloseable socket : new AutoCloseable[] {publisher, receiver, d, c, b, a}) {
            if (socket != null) {
                socket.close();
            }
        }
    }
}
