package io.wsingest.galileo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

import io.wsingest.testing.Json;
import io.wsingest.testing.WsClient;

/** A GalileoSend client for the tests, sending like the original browser client or the original Perl sender. */
public final class GalileoClient implements AutoCloseable {

    public static final String FINISHED = "{\"finished\":true}";

    private final WsClient ws;

    public GalileoClient(WsClient ws) {
        this.ws = ws;
    }

    public WsClient ws() {
        return ws;
    }

    public void sendMetadata(String name, long size) throws Exception {
        ws.sendText("{\"name\":" + jsonString(name) + ",\"size\":" + size + "}");
    }

    public void sendText(String text) throws Exception {
        ws.sendText(text);
    }

    public void sendChunk(byte[] content, int from, int to) throws Exception {
        ws.sendBinary(ByteBuffer.wrap(content, from, to - from));
    }

    /**
     * Sends a chunk as a browser does, which drops what is sent on a connection already closed. The server
     * acknowledges a chunk on receipt, so a failed write of that chunk may end the upload while the client answers
     * its ready; the error signal is then waiting to be read.
     */
    public void sendChunkUnlessClosed(byte[] content, int from, int to) throws Exception {
        try {
            sendChunk(content, from, to);
        } catch (RuntimeException | IOException closedMeanwhile) {
            // Tyrus's client says so with an IllegalStateException, or a RuntimeException of its own.
            if (ws.isOpen()) {
                throw closedMeanwhile;
            }
        }
    }

    public JsonObject awaitSignal() throws Exception {
        return Json.object(ws.awaitText());
    }

    /** Waits for a ready signal and returns its chunksize. */
    public int awaitReady() throws Exception {
        JsonObject signal = awaitSignal();
        assertTrue(signal.getBoolean("ready", false), () -> "expected ready, got " + signal);
        return signal.getInt("chunksize");
    }

    public CloseReason awaitClose() throws Exception {
        return ws.awaitClose();
    }

    /**
     * As the browser client: one slice of the announced chunksize per ready, and the finished signal on the ready
     * after the last slice.
     *
     * @return the signal that ended the exchange: close, or an error
     */
    public JsonObject sendLikeTheBrowser(String name, byte[] content, String finished) throws Exception {
        sendMetadata(name, content.length);
        int offset = 0;
        boolean allSent = false;
        while (true) {
            JsonObject signal = awaitSignal();
            if (!signal.getBoolean("ready", false)) {
                return signal;
            }
            if (allSent) {
                ws.sendText(finished);
                return awaitSignal();
            }
            int end = Math.min(content.length, offset + signal.getInt("chunksize"));
            sendChunk(content, offset, end);
            offset = end;
            allSent = end == content.length;
        }
    }

    /**
     * As the Perl sender: one read of at most the chunksize per ready, an empty chunk when the read finds the end of
     * the file, and the finished signal on the ready after that.
     */
    public JsonObject sendLikeThePerlSender(String name, byte[] content, String finished) throws Exception {
        sendMetadata(name, content.length);
        int offset = 0;
        boolean endSent = false;
        while (true) {
            JsonObject signal = awaitSignal();
            if (!signal.getBoolean("ready", false)) {
                return signal;
            }
            if (endSent) {
                ws.sendText(finished);
                return awaitSignal();
            }
            int read = Math.min(content.length - offset, signal.getInt("chunksize"));
            sendChunk(content, offset, offset + read);
            offset += read;
            endSent = read == 0;
        }
    }

    @Override
    public void close() throws Exception {
        ws.close();
    }

    private static String jsonString(String s) {
        return jakarta.json.Json.createValue(s).toString();
    }
}
