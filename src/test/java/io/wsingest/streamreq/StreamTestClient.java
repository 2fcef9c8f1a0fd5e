package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.wsingest.testing.Json;
import io.wsingest.testing.WsClient;
import io.wsingest.testing.Unique;

/**
 * A protocol C client for tests over {@link WsClient}: packets are built and read as plain JSON, independently of
 * the server's codec.
 */
public final class StreamTestClient implements AutoCloseable {

    private final WsClient ws;

    private StreamTestClient(WsClient ws) {
        this.ws = ws;
    }

    public static StreamTestClient connect(URI uri) throws Exception {
        return new StreamTestClient(WsClient.connect(uri));
    }

    public WsClient ws() {
        return ws;
    }

    /** Sends a packet with these headers and no payload. */
    public void send(Map<String, String> headers) throws Exception {
        send(headers, JsonValue.NULL);
    }

    /** Sends a packet with these headers and this payload. */
    public void send(Map<String, String> headers, JsonValue payload) throws Exception {
        JsonObjectBuilder h = jakarta.json.Json.createObjectBuilder();
        headers.forEach(h::add);
        ws.sendText(jakarta.json.Json.createObjectBuilder().add("headers", h).add("payload", payload).build()
                .toString());
    }

    /** Sends a packet and returns the reply. */
    public JsonObject request(Map<String, String> headers) throws Exception {
        return request(headers, JsonValue.NULL);
    }

    /** Sends a packet with a payload and returns the reply. */
    public JsonObject request(Map<String, String> headers, JsonValue payload) throws Exception {
        send(headers, payload);
        return next();
    }

    /** The next packet from the server. */
    public JsonObject next() throws Exception {
        return Json.object(ws.awaitText());
    }

    /** Sends {@code data[from, to)} in binary messages of at most {@code buffer} bytes. */
    public void sendData(byte[] data, int from, int to, int buffer) throws Exception {
        for (int at = from; at < to; at += buffer) {
            ws.sendBinary(ByteBuffer.wrap(data, at, Math.min(buffer, to - at)));
        }
    }

    @Override
    public void close() throws Exception {
        ws.close();
    }

    /** A header's value as text (a number as its decimal digits), or null if the packet has none. */
    public static String header(JsonObject packet, String name) {
        JsonValue value = packet.getJsonObject("headers").get(name);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value == null ? null : value.toString();
    }

    /** The packet's {@code status} is this code, written as a JSON number as the protocol document shows it. */
    public static void assertStatus(String status, JsonObject packet) {
        JsonValue value = packet.getJsonObject("headers").get("status");
        assertTrue(value instanceof JsonNumber, () -> "status is not a JSON number: " + packet);
        assertEquals(status, value.toString(), packet.toString());
    }

    public static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    public static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** A user no other test uses, so quotas and file lists start empty. */
    public static String uniqueUser(String name) {
        return Unique.name(name + "-");
    }
}
