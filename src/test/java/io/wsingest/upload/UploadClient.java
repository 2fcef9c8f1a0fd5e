package io.wsingest.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;

/** A protocol A client for the integration tests, over {@link WsClient} (Tyrus, real sockets). */
public final class UploadClient implements AutoCloseable {

    public static final int BUFFER_SIZE = 32768;
    public static final int MAX_DATA = BUFFER_SIZE - UploadFrameCodec.HEADER_BYTES;
    public static final UploadFrameCodec CODEC = new UploadFrameCodec(ByteOrder.LITTLE_ENDIAN, BUFFER_SIZE);

    private final WsClient ws;

    private UploadClient(WsClient ws) {
        this.ws = ws;
    }

    /** Connects as {@code user} with the query (e.g. {@code id=p1}), the token in the bearer subprotocol. */
    public static UploadClient connect(TestServer server, String user, String query) throws Exception {
        return connectWithToken(server, TestServer.token(user), query);
    }

    /** Connects with this token (e.g. one that expires soon) and the query. */
    public static UploadClient connectWithToken(TestServer server, String token, String query) throws Exception {
        return new UploadClient(WsClient.connect(server.ws("ws/Upload?" + query), java.util.Map.of(),
                java.util.List.of("bearer", token)));
    }

    public WsClient ws() {
        return ws;
    }

    /** The server's first message. */
    public JsonObject awaitStateInfo() throws InterruptedException {
        return Json.object(ws.awaitText());
    }

    /** Answers the handshake. */
    public void answer(String fileName, Long totalFileSize, long currentFileOffset) throws IOException {
        ws.sendText(FileStateInfoJson.write(new FileStateInfo(false, fileName, BUFFER_SIZE, totalFileSize,
                currentFileOffset)));
    }

    /** The next heartbeat: a text message holding only a number. */
    public long awaitHeartbeat() throws InterruptedException {
        String text = ws.awaitText();
        assertTrue(text.matches("\\d+"), "a heartbeat is only a number: " + text);
        return Long.parseLong(text);
    }

    /** Starts a new upload of {@code data} and sends its first {@code bytes}, until a heartbeat reports them. */
    public void startAndSend(String fileName, byte[] data, long bytes) throws Exception {
        awaitStateInfo();
        answer(fileName, (long) data.length, 0);
        assertEquals(0, awaitHeartbeat(), "a new upload starts at 0");
        sendRange(data, 0, bytes);
        awaitHeartbeatOf(bytes);
    }

    /** Heartbeats until one reports at least {@code bytes}; returns it. */
    public long awaitHeartbeatOf(long bytes) throws InterruptedException {
        long reported;
        do {
            reported = awaitHeartbeat();
        } while (reported < bytes);
        return reported;
    }

    public void send(long offset, byte[] data, int from, int length) throws IOException {
        ws.sendBinary(CODEC.encode(offset, ByteBuffer.wrap(data, from, length)));
    }

    /** Sends {@code data[from..to)} in messages as large as the buffer allows, at their offsets. */
    public void sendRange(byte[] data, long from, long to) throws IOException {
        for (long offset = from; offset < to; offset += MAX_DATA) {
            send(offset, data, (int) offset, (int) Math.min(MAX_DATA, to - offset));
        }
    }

    /** Starts (or resumes at the offered offset) and sends everything; returns the offset it continued from. */
    public long uploadAll(String fileName, byte[] data) throws Exception {
        JsonObject info = awaitStateInfo();
        long offset = info.getJsonNumber("CurrentFileOffset").longValue();
        answer(fileName, (long) data.length, offset);
        assertEquals(offset, awaitHeartbeat(), "the first heartbeat reports where the upload continues");
        sendRange(data, offset, data.length);
        return offset;
    }

    /** Waits for the final heartbeat and the normal close that end a completed upload. */
    public void awaitCompletion(long size) throws Exception {
        assertEquals(size, awaitHeartbeatOf(size));
        CloseReason reason = ws.awaitClose();
        assertEquals(1000, reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    public CloseReason awaitClose() throws Exception {
        return ws.awaitClose();
    }

    /** Asserts the server closes with exactly this code and reason. */
    public void assertClosedWith(int code, String reason) throws Exception {
        CloseReason close = ws.awaitClose();
        assertEquals(code + " " + reason, close.getCloseCode().getCode() + " " + close.getReasonPhrase());
    }

    @Override
    public void close() throws IOException {
        ws.close();
    }
}
