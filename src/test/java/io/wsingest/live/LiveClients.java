package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;
import io.wsingest.testing.Unique;

/** What the live integration tests share: connecting, reading chunks past heartbeats, refusals, the listing. */
public final class LiveClients {

    private LiveClients() {
    }

    /** A channel name no other test (or earlier run against the same server) uses. */
    public static String channel(String prefix) {
        return Unique.name(prefix + "-");
    }

    public static WsClient connect(TestServer server, String channel, String key, String kind) throws Exception {
        return WsClient.connect(server.ws(channel + "/" + key + "/" + kind));
    }

    public static ByteBuffer chunk(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A chunk of {@code size} bytes that says its index: the int first, then the index's low byte throughout. */
    public static ByteBuffer numbered(int index, int size) {
        ByteBuffer data = ByteBuffer.allocate(size);
        data.putInt(index);
        while (data.hasRemaining()) {
            data.put((byte) index);
        }
        return data.flip();
    }

    /** The next binary message, as text; heartbeats ({@code h}) in between are skipped. */
    public static String nextChunk(WsClient client) throws InterruptedException {
        return StandardCharsets.UTF_8.decode(nextBinary(client)).toString();
    }

    public static ByteBuffer nextBinary(WsClient client) throws InterruptedException {
        while (true) {
            Object message = next(client);
            if (message instanceof ByteBuffer data) {
                return data;
            }
            if (!"h".equals(message)) {
                throw new AssertionError("expected a chunk, got text: " + message);
            }
        }
    }

    /** The next text message that is not a heartbeat. */
    public static String nextText(WsClient client) throws InterruptedException {
        while (true) {
            Object message = next(client);
            if (message instanceof String text && !"h".equals(text)) {
                return text;
            }
            if (message instanceof ByteBuffer data) {
                throw new AssertionError("expected text, got a chunk of " + data.remaining() + " bytes");
            }
        }
    }

    /** The connection is refused: {@code ERROR: <reason>}, then a close with the code and the same reason. */
    public static void assertRefused(WsClient client, LiveClose close) throws Exception {
        assertEquals(close.errorMessage(), nextText(client));
        assertClosed(client, close);
    }

    public static void assertClosed(WsClient client, LiveClose close) throws Exception {
        CloseReason reason = client.awaitClose();
        assertEquals(close.code(), reason.getCloseCode().getCode());
        assertEquals(close.reason(), reason.getReasonPhrase());
    }

    /** The relay's listing, as an administrator sees it. */
    public static JsonObject listing(TestServer server) throws Exception {
        var response = server.get("api/live/channels", TestServer.adminToken("root"));
        assertEquals(200, response.statusCode(), response.body());
        return Json.object(response.body());
    }

    /** One channel of the listing, or null. */
    public static JsonObject channelState(TestServer server, String channel) throws Exception {
        for (var value : listing(server).getJsonArray("channels")) {
            JsonObject state = value.asJsonObject();
            if (state.getString("channel").equals(channel)) {
                return state;
            }
        }
        return null;
    }

    private static Object next(WsClient client) throws InterruptedException {
        Object message = client.poll(WsClient.WAIT);
        if (message == null) {
            throw new AssertionError("no message within " + WsClient.WAIT);
        }
        return message;
    }

    /** How long to give a message that should come soon when the loop tries again if it did not. */
    public static Duration shortly() {
        return Duration.ofMillis(200);
    }
}
