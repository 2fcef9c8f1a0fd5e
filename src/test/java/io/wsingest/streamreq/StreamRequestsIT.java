package io.wsingest.streamreq;

import static io.wsingest.streamreq.StreamTestClient.assertStatus;
import static io.wsingest.streamreq.StreamTestClient.header;
import static io.wsingest.streamreq.StreamTestClient.randomBytes;
import static io.wsingest.streamreq.StreamTestClient.sha256;
import static io.wsingest.streamreq.StreamTestClient.uniqueUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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

import io.wsingest.testing.Deployments;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;

/**
 * Protocol C over real sockets: negotiation answers, streams of each data format, streams taken in part and
 * abandoned, files sent inline, quota, refusals and errors. The deployment limits each user to 64 MiB
 * ({@code wsingest.storage.user-quota-bytes}).
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StreamRequestsIT {

    private static final int BUFFER = 65536;
    private static final long QUOTA = 64L << 20;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings("wsingest.storage.user-quota-bytes=" + QUOTA);
    }

    @ArquillianResource
    URL url;

    private StreamTestClient connect(String user) throws Exception {
        return StreamTestClient.connect(new TestServer(url).ws("ws/stream", TestServer.token(user)));
    }

    private static Map<String, String> offer(long total, int buffer, String format) {
        return Map.of("route", "/upload-file", "x-stream", total + ":" + buffer, "data-format", format);
    }

    /** Offers, sends and returns the final packet. */
    private static JsonObject upload(StreamTestClient client, byte[] data, int buffer, String format) throws Exception {
        JsonObject accepted = client.request(offer(data.length, buffer, format));
        assertStatus("0", accepted);
        client.sendData(data, 0, data.length, buffer);
        return client.next();
    }

    private static JsonArray files(StreamTestClient client) throws Exception {
        JsonObject reply = client.request(Map.of("route", "/files"));
        assertStatus("0", reply);
        return reply.getJsonArray("payload");
    }

    @Test
    void storesAMultiMegabyteStreamByteIdentical() throws Exception {
        byte[] data = randomBytes((4 << 20) + 123, 1);
        try (StreamTestClient client = connect(uniqueUser("ada"))) {
            JsonObject accepted = client.request(Map.of("route", "/upload-file", "x-stream", data.length + ":65536",
                    "data-format", "bytes", "file-name", "survey/scan.bin", "x-request-id", "req-1"));

            assertStatus("0", accepted);
            assertEquals("0:65536", header(accepted, "x-stream"));
            assertEquals("bytes", header(accepted, "data-format"));
            assertEquals("/upload-file", header(accepted, "route"));
            assertEquals("req-1", header(accepted, "x-request-id"));
            String key = header(accepted, "x-stream-key");
            assertTrue(key.matches("[A-Za-z0-9_-]{32}"), key);

            client.sendData(data, 0, data.length, BUFFER);
            JsonObject done = client.next();

            assertStatus("0", done);
            assertEquals("0:0", header(done, "x-stream"));
            assertEquals(key, header(done, "x-stream-key"));
            assertEquals("/upload-file", header(done, "route"));
            assertEquals("req-1", header(done, "x-request-id"));
            JsonObject file = done.getJsonObject("payload");
            assertEquals(sha256(data), file.getString("sha256"));
            assertEquals(data.length, file.getJsonNumber("size").longValue());
            assertEquals("scan.bin", file.getString("name"));

            JsonArray listed = files(client);
            assertEquals(1, listed.size());
            JsonObject entry = listed.getJsonObject(0);
            assertEquals(file.getString("id"), entry.getString("id"));
            assertEquals(sha256(data), entry.getString("sha256"));
            assertEquals(data.length, entry.getJsonNumber("size").longValue());
            assertEquals("stream", entry.getString("source"));
            assertTrue(entry.containsKey("createdAt"), entry.toString());
        }
    }

    @Test
    void lowersABufferLargerThanTheServersAndStoresAnEmptyStreamAtOnce() throws Exception {
        try (StreamTestClient client = connect(uniqueUser("bea"))) {
            JsonObject accepted = client.request(offer(0, 1 << 20, "bytes"));
            JsonObject done = client.next();

            assertEquals("0:65536", header(accepted, "x-stream"));
            assertStatus("0", done);
            assertEquals("0:0", header(done, "x-stream"));
            assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    done.getJsonObject("payload").getString("sha256"));
            assertEquals("upload.bin", done.getJsonObject("payload").getString("name"));
        }
    }

    @Test
    void acceptsUtf8TextSplitAnywhere() throws Exception {
        byte[] text = "Grüße aus Köln 😀 — ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (StreamTestClient client = connect(uniqueUser("cid"))) {
            // A buffer of 7 bytes cuts many characters between messages.
            JsonObject done = upload(client, text, 7, "text");

            assertStatus("0", done);
            assertEquals(sha256(text), done.getJsonObject("payload").getString("sha256"));
            assertEquals("upload.txt", done.getJsonObject("payload").getString("name"));
        }
    }

    @Test
    void refusesTextThatIsNotUtf8AndKeepsNothing() throws Exception {
        byte[] text = HexFormat.of().parseHex("48656c6c6fc080");
        try (StreamTestClient client = connect(uniqueUser("dan"))) {
            JsonObject done = upload(client, text, 4, "text");

            assertStatus("6", done);
            assertEquals("0:0", header(done, "x-stream"));
            assertEquals("data-format text: not valid UTF-8 at byte 5", header(done, "error"));
            assertEquals(JsonValue.NULL, done.get("payload"));
            assertEquals(0, files(client).size());
        }
    }

    @Test
    void acceptsJsonAndRefusesBrokenJson() throws Exception {
        byte[] good = "{\"items\": [1, 2, {\"name\": \"ü\"}], \"ok\": true}".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"items\": [1, 2,]}".getBytes(StandardCharsets.UTF_8);
        try (StreamTestClient client = connect(uniqueUser("eve"))) {
            JsonObject stored = upload(client, good, 5, "json");
            JsonObject refused = upload(client, bad, 5, "json");

            assertStatus("0", stored);
            assertEquals("upload.json", stored.getJsonObject("payload").getString("name"));
            assertStatus("6", refused);
            assertEquals("0:0", header(refused, "x-stream"));
            assertTrue(header(refused, "error").startsWith("data-format json: "), header(refused, "error"));
            assertEquals(List.of(sha256(good)), files(client).stream()
                    .map(file -> file.asJsonObject().getString("sha256")).toList());
        }
    }

    /** Opens a stream of {@code total} bytes and sends nothing: it reserves its total of the user's quota. */
    private static String reserve(StreamTestClient client, long total) throws Exception {
        JsonObject accepted = client.request(offer(total, BUFFER, "bytes"));
        assertStatus("0", accepted);
        return header(accepted, "x-stream-key");
    }

    /** The answer accepts a stream of bytes, with this {@code x-stream}; returns its key. */
    private static String acceptedKey(JsonObject answer, String xStream) {
        assertStatus("0", answer);
        assertEquals(xStream, header(answer, "x-stream"));
        assertEquals("bytes", header(answer, "data-format"));
        return header(answer, "x-stream-key");
    }

    /** A final packet of the stream with this key, with this status and {@code x-stream}. */
    private static void assertFinal(String status, String key, String xStream, JsonObject packet) {
        assertStatus(status, packet);
        assertEquals(key, header(packet, "x-stream-key"));
        assertEquals(xStream, header(packet, "x-stream"));
    }

    private static Map<String, String> resume(long total, int buffer, String key) {
        return Map.of("route", "/upload-file", "x-stream", total + ":" + buffer, "x-stream-key", key);
    }

    private static Map<String, String> abandon(String key) {
        return Map.of("route", "/upload-file", "x-stream", "-1", "x-stream-key", key);
    }

    @Test
    void takesTheDocumentsStreamWithStatusAsANumber() throws Exception {
        byte[] data = randomBytes(20000, 11);
        try (StreamTestClient client = connect(uniqueUser("ava"))) {
            // The document's "payload: -", taken literally: beside x-stream a payload is ignored.
            client.ws().sendText("""
                    {"headers": {"data-format": "bytes", "route": "/upload-file", "x-stream": "20000:4096"},
                     "payload": "-"}""");
            JsonObject accepted = client.next();

            assertEquals(JsonValue.ValueType.NUMBER, accepted.getJsonObject("headers").get("status").getValueType());
            String key = acceptedKey(accepted, "0:4096");

            client.sendData(data, 0, data.length, 4096);
            assertFinal("0", key, "0:0", client.next());
            // A client may send status as a number or as a numeric string: either is a packet.
            client.ws().sendText("{\"headers\": {\"route\": \"/files\", \"status\": 0}, \"payload\": null}");
            assertStatus("0", client.next());
            client.ws().sendText("{\"headers\": {\"route\": \"/files\", \"status\": \"0\"}, \"payload\": null}");
            assertStatus("0", client.next());
        }
    }

    @Test
    void takesTheBytesItHasRoomForThenResumesWhenThereIsRoom() throws Exception {
        String user = uniqueUser("fay");
        byte[] data = randomBytes(20000, 2);
        try (StreamTestClient client = connect(user); StreamTestClient other = connect(user)) {
            // Another stream holds all of the quota but 12000 bytes.
            String blocker = reserve(other, QUOTA - 12000);

            JsonObject accepted = client.request(Map.of("route", "/upload-file", "x-stream", "20000:4096",
                    "data-format", "bytes", "x-request-id", "r-1"));

            String key = acceptedKey(accepted, "12000:4096");

            // A client that sends everything anyway: the server takes 12000 bytes, the rest is not answered.
            client.sendData(data, 0, data.length, 4096);
            JsonObject paused = client.next();

            assertFinal("5", key, "8000:0", paused);
            assertEquals("12000", header(paused, "x-stream-offset"));
            assertEquals("r-1", header(paused, "x-request-id"));
            assertEquals("the server took the 12000 bytes it could hold of the stream's 20000; resume it when there"
                    + " is room", header(paused, "error"));
            assertEquals(0, files(client).size(), "the next packet answers the next request");

            // No more room yet: the stream stays as it is.
            JsonObject noRoom = client.request(resume(20000, 4096, key));
            assertStatus("5", noRoom);
            assertEquals("-1", header(noRoom, "x-stream"));

            assertFinal("0", blocker, (QUOTA - 12000) + ":0", other.request(abandon(blocker)));

            JsonObject resumed = client.request(resume(20000, 4096, key));
            assertStatus("0", resumed);
            assertEquals("0:4096", header(resumed, "x-stream"));
            assertEquals("12000", header(resumed, "x-stream-offset"));
            client.sendData(data, 12000, data.length, 4096);
            JsonObject done = client.next();

            assertStatus("0", done);
            assertEquals("0:0", header(done, "x-stream"));
            assertEquals(sha256(data), done.getJsonObject("payload").getString("sha256"));
        }
    }

    @Test
    void aStreamTakenInPartCanBeAbandonedAndGivesItsRoomBack() throws Exception {
        String user = uniqueUser("gil");
        byte[] data = randomBytes(20000, 12);
        try (StreamTestClient client = connect(user)) {
            reserve(client, QUOTA - 12000);
            // The connection's first stream stays open; this one is offered on another.
            try (StreamTestClient second = connect(user)) {
                String key = acceptedKey(second.request(offer(20000, 4096, "bytes")), "12000:4096");
                // A client that keeps to n sends exactly its first n bytes.
                second.sendData(data, 0, 12000, 4096);
                assertEquals("8000:0", header(second.next(), "x-stream"));

                assertFinal("0", key, "8000:0", second.request(abandon(key)));
                assertStatus("7", second.request(resume(20000, 4096, key)));
                assertStatus("7", second.request(abandon(key)));
                // Its room is the user's again: the same offer gets the same part.
                assertEquals("12000:4096", header(second.request(offer(20000, 4096, "bytes")), "x-stream"));
            }
        }
    }

    @Test
    void refusesWithMinusOneWhenTheQuotaHasNoRoomAtAll() throws Exception {
        String user = uniqueUser("fin");
        try (StreamTestClient client = connect(user)) {
            reserve(client, QUOTA);
            try (StreamTestClient other = connect(user)) {
                JsonObject nothingLeft = other.request(offer(1, BUFFER, "json"));

                assertStatus("5", nothingLeft);
                assertEquals("-1", header(nothingLeft, "x-stream"));
                assertEquals("json", header(nothingLeft, "data-format"));
                assertNull(header(nothingLeft, "x-stream-key"));
                assertEquals("the user's storage quota has room for 0 bytes", header(nothingLeft, "error"));
            }
        }
    }

    @Test
    void storesASmallFileSentInlineAsAStreamedOneIsStored() throws Exception {
        byte[] bytes = randomBytes(3000, 13);
        String text = "Grüße aus Köln 😀";
        try (StreamTestClient client = connect(uniqueUser("ivy"))) {
            JsonObject streamed = upload(client, bytes, BUFFER, "bytes");
            JsonObject inline = client.request(Map.of("route", "/upload-file", "data-format", "bytes",
                    "file-name", "inline.bin", "x-request-id", "i-1"),
                    jakarta.json.Json.createValue(Base64.getEncoder().encodeToString(bytes)));
            JsonObject inlineText = client.request(Map.of("route", "/upload-file", "data-format", "text"),
                    jakarta.json.Json.createValue(text));
            JsonObject inlineJson = client.request(Map.of("route", "/upload-file", "data-format", "json"),
                    io.wsingest.testing.Json.object("{\"items\": [1, 2, {\"name\": \"a\"}], \"ok\": true}"));

            assertStatus("0", inline);
            assertEquals("bytes", header(inline, "data-format"));
            assertEquals("/upload-file", header(inline, "route"));
            assertEquals("i-1", header(inline, "x-request-id"));
            assertNull(header(inline, "x-stream-key"));
            JsonObject file = inline.getJsonObject("payload");
            assertEquals(streamed.getJsonObject("payload").getString("sha256"), file.getString("sha256"));
            assertEquals(bytes.length, file.getJsonNumber("size").longValue());
            assertEquals("inline.bin", file.getString("name"));
            assertEquals("stream", file.getString("source"));
            assertStatus("0", inlineText);
            assertEquals(sha256(text.getBytes(StandardCharsets.UTF_8)),
                    inlineText.getJsonObject("payload").getString("sha256"));
            assertEquals("upload.txt", inlineText.getJsonObject("payload").getString("name"));
            assertStatus("0", inlineJson);
            assertEquals(sha256("{\"items\":[1,2,{\"name\":\"a\"}],\"ok\":true}".getBytes(StandardCharsets.UTF_8)),
                    inlineJson.getJsonObject("payload").getString("sha256"));
            assertEquals(4, files(client).size());
        }
    }

    @Test
    void refusesInlineFilesOverTheLimitOrTheQuotaAndPayloadsThatAreNotTheFormat() throws Exception {
        String user = uniqueUser("joy");
        try (StreamTestClient client = connect(user)) {
            JsonObject tooLarge = client.request(Map.of("route", "/upload-file", "data-format", "text"),
                    jakarta.json.Json.createValue("a".repeat(32 * 1024 + 1)));
            JsonObject notBase64 = client.request(Map.of("route", "/upload-file", "data-format", "bytes"),
                    jakarta.json.Json.createValue("not base64!"));
            JsonObject notAString = client.request(Map.of("route", "/upload-file", "data-format", "text"),
                    jakarta.json.Json.createArrayBuilder().add(1).build());
            reserve(client, QUOTA - 100);
            JsonObject overQuota = client.request(Map.of("route", "/upload-file", "data-format", "bytes"),
                    jakarta.json.Json.createValue(Base64.getEncoder().encodeToString(new byte[101])));

            for (JsonObject refused : List.of(tooLarge, notBase64, notAString)) {
                assertStatus("4", refused);
                assertNull(header(refused, "x-stream-key"));
            }
            assertEquals("an inline file may be at most 32768 bytes, this one has 32769; send it as a stream with"
                    + " x-stream", header(tooLarge, "error"));
            assertEquals("text", header(tooLarge, "data-format"));
            assertTrue(header(notBase64, "error").startsWith("the payload is not base64: "), notBase64::toString);
            assertEquals("with data-format text the payload must be a JSON string", header(notAString, "error"));
            assertStatus("5", overQuota);
            assertEquals("the user's storage quota has room for 100 bytes", header(overQuota, "error"));
            assertEquals(0, files(client).size());
        }
    }

    @Test
    void refusesStreamsItCannotTakeWithMinusOne() throws Exception {
        try (StreamTestClient client = connect(uniqueUser("gus"))) {
            JsonObject notAStreamRoute = client.request(Map.of("route", "/files", "x-stream", "10:10"));
            JsonObject malformed = client.request(Map.of("route", "/upload-file", "x-stream", "10;10"));
            JsonObject negative = client.request(Map.of("route", "/upload-file", "x-stream", "-10:10"));
            JsonObject missing = client.request(Map.of("route", "/upload-file", "data-format", "text"));
            JsonObject overLimit = client.request(offer((10L << 30) + 1, BUFFER, "bytes"));
            JsonObject unknownFormat = client.request(offer(10, 10, "xml"));

            for (JsonObject refused : List.of(notAStreamRoute, malformed, negative, missing, overLimit,
                    unknownFormat)) {
                assertStatus("4", refused);
                assertEquals("-1", header(refused, "x-stream"), refused.toString());
                assertNull(header(refused, "x-stream-key"));
            }
            assertEquals("route /files takes no streams", header(notAStreamRoute, "error"));
            assertEquals("x-stream must be total:buffer, two numbers separated by one colon",
                    header(malformed, "error"));
            assertEquals("x-stream total must not be negative", header(negative, "error"));
            assertEquals("text", header(missing, "data-format"));
            assertEquals("the stream's total of 10737418241 bytes is over the server's limit of 10737418240",
                    header(overLimit, "error"));
            assertEquals("bytes", header(unknownFormat, "data-format"));
            assertEquals("data-format must be bytes, text or json", header(unknownFormat, "error"));
        }
    }

    @Test
    void keepsTheMessagesBeforeOneLargerThanTheBufferAndResumes() throws Exception {
        byte[] data = randomBytes(10 * BUFFER, 3);
        try (StreamTestClient client = connect(uniqueUser("hal"))) {
            JsonObject accepted = client.request(Map.of("route", "/upload-file", "x-stream", data.length + ":65536",
                    "x-request-id", "o-1"));
            String key = header(accepted, "x-stream-key");

            client.sendData(data, 0, 2 * BUFFER, BUFFER);
            // Larger than the buffer, so large that the server reads it in parts: none of it is kept.
            client.ws().sendBinary(ByteBuffer.wrap(data, 2 * BUFFER, 3 * BUFFER));
            client.sendData(data, 5 * BUFFER, 6 * BUFFER, BUFFER);
            JsonObject paused = client.next();

            assertFinal("8", key, (8 * BUFFER) + ":0", paused);
            assertEquals(Integer.toString(2 * BUFFER), header(paused, "x-stream-offset"));
            assertEquals("o-1", header(paused, "x-request-id"));
            assertEquals("a binary message was larger than the agreed buffer of 65536 bytes; the stream holds the"
                    + " bytes before it", header(paused, "error"));

            // The message sent after the large one was not answered; the stream resumes where the server said.
            JsonObject resumed = client.request(resume(data.length, BUFFER, key));
            assertStatus("0", resumed);
            assertEquals(Integer.toString(2 * BUFFER), header(resumed, "x-stream-offset"));
            client.sendData(data, 2 * BUFFER, data.length, BUFFER);
            JsonObject done = client.next();

            assertStatus("0", done);
            assertEquals(sha256(data), done.getJsonObject("payload").getString("sha256"));

            client.ws().sendBinary(ByteBuffer.wrap(new byte[10]));
            JsonObject noStream = client.next();
            assertStatus("8", noStream);
            assertEquals("no stream in progress on this connection; offer one with x-stream first",
                    header(noStream, "error"));
        }
    }

    @Test
    void refusesMoreBytesThanAnnounced() throws Exception {
        try (StreamTestClient client = connect(uniqueUser("ida"))) {
            assertStatus("0", client.request(offer(100, 64, "bytes")));

            client.sendData(randomBytes(128, 5), 0, 128, 64);
            JsonObject failed = client.next();

            assertStatus("8", failed);
            assertEquals("36:0", header(failed, "x-stream"));
            assertEquals("more bytes arrived than the stream's total of 100", header(failed, "error"));
        }
    }

    @Test
    void anotherUsersKeyIsAnUnknownKeyAndLeavesTheStreamAlone() throws Exception {
        byte[] data = randomBytes(300_000, 6);
        try (StreamTestClient owner = connect(uniqueUser("jan")); StreamTestClient thief = connect(uniqueUser("kim"))) {
            JsonObject accepted = owner.request(offer(data.length, BUFFER, "bytes"));
            String key = header(accepted, "x-stream-key");
            owner.sendData(data, 0, BUFFER, BUFFER);

            JsonObject stolen = thief.request(Map.of("route", "/upload-file", "x-stream", data.length + ":65536",
                    "x-stream-key", key));
            JsonObject made = thief.request(Map.of("route", "/upload-file", "x-stream", data.length + ":65536",
                    "x-stream-key", "A".repeat(32)));
            JsonObject malformed = thief.request(Map.of("route", "/upload-file", "x-stream", data.length + ":65536",
                    "x-stream-key", "not a key"));

            for (JsonObject unknown : List.of(stolen, made, malformed)) {
                assertStatus("7", unknown);
                assertEquals("-1", header(unknown, "x-stream"));
                assertEquals("unknown or expired stream key", header(unknown, "error"));
                assertNull(header(unknown, "x-stream-offset"));
            }
            owner.sendData(data, BUFFER, data.length, BUFFER);
            JsonObject done = owner.next();
            assertStatus("0", done);
            assertEquals(sha256(data), done.getJsonObject("payload").getString("sha256"));
        }
    }

    @Test
    void answersBadPacketsAndUnknownRoutesAndKeepsServing() throws Exception {
        try (StreamTestClient client = connect(uniqueUser("lou"))) {
            client.ws().sendText("not json");
            JsonObject bad = client.next();
            JsonObject noRoute = client.request(Map.of("x-request-id", "q-1"));
            JsonObject unknown = client.request(Map.of("route", "/nope", "x-request-id", "q-2"));
            client.ws().sendText("{\"headers\": {\"route\": \"/files\", \"x-request-id\": 7}, \"payload\": null}");
            JsonObject files = client.next();

            assertStatus("1", bad);
            assertEquals("not valid JSON", header(bad, "error"));
            assertStatus("1", noRoute);
            assertEquals("q-1", header(noRoute, "x-request-id"));
            assertStatus("2", unknown);
            assertEquals("/nope", header(unknown, "route"));
            assertEquals("q-2", header(unknown, "x-request-id"));
            assertStatus("0", files);
            assertEquals("7", header(files, "x-request-id"));
            assertEquals(0, files.getJsonArray("payload").size());
        }
    }

    @Test
    void withoutATokenSaysUnauthorizedThenCloses1008() throws Exception {
        try (WsClient client = WsClient.connect(new TestServer(url).ws("ws/stream"))) {
            JsonObject refused = io.wsingest.testing.Json.object(client.awaitText());
            CloseReason reason = client.awaitClose();

            assertStatus("3", refused);
            assertEquals("missing token", header(refused, "error"));
            assertEquals(1008, reason.getCloseCode().getCode());
            assertEquals("missing token", reason.getReasonPhrase());
        }
    }
}
