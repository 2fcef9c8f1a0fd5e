package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;

/** A test client of the Upload API over a real socket: JSON in, JSON out, waiting with timeouts. */
public final class UploadApiClient implements AutoCloseable {

    private final WsClient ws;

    private UploadApiClient(WsClient ws) {
        this.ws = ws;
    }

    /** Connects to {@code path} (e.g. {@code ws/core/upload/}) with the user's token in the query. */
    public static UploadApiClient connect(TestServer server, String path, String user) throws Exception {
        return new UploadApiClient(WsClient.connect(server.ws(path, TestServer.token(user))));
    }

    public WsClient ws() {
        return ws;
    }

    public void send(String json) throws Exception {
        ws.sendText(json);
    }

    /** The next message, as JSON. */
    public JsonObject next() throws Exception {
        return Json.object(ws.awaitText());
    }

    /** Sends a command and returns the next message, which must be its reply of this type. */
    public JsonObject command(String json, String replyType) throws Exception {
        send(json);
        JsonObject reply = next();
        assertEquals(replyType, reply.getString("type"), () -> "reply to " + abbreviate(json) + ": " + reply);
        return reply;
    }

    /** A {@code subscribe} with {@code since}: the events replayed before its reply, and the reply. */
    public record Subscription(List<JsonObject> replayed, JsonObject reply) {

        public boolean recovered() {
            return reply.getBoolean("recovered");
        }

        public List<String> replayedAsSent() {
            return asSent(replayed);
        }
    }

    /** Subscribes without {@code since}; the reply says where the user's stream stands. */
    public JsonObject subscribe() throws Exception {
        return command("{\"type\":\"subscribe\"}", "subscribed");
    }

    /** Subscribes to catch up after {@code since} of {@code epoch}: the messages up to and including the reply. */
    public Subscription subscribe(long since, String epoch) throws Exception {
        send("{\"type\":\"subscribe\",\"since\":" + since + ",\"epoch\":\"" + epoch + "\"}");
        List<JsonObject> replayed = new ArrayList<>();
        for (JsonObject message = next(); ; message = next()) {
            if (message.getString("type").equals("subscribed")) {
                return new Subscription(replayed, message);
            }
            replayed.add(message);
        }
    }

    /** The next messages up to and including an {@code Upload.deleted}. */
    public List<JsonObject> eventsUntilDeleted() throws Exception {
        List<JsonObject> events = new ArrayList<>();
        JsonObject event;
        do {
            event = next();
            events.add(event);
        } while (!event.getString("type").equals("Upload.deleted"));
        return events;
    }

    /** Messages as the server wrote them (a parsed object prints its fields in their order). */
    public static List<String> asSent(List<JsonObject> messages) {
        return messages.stream().map(JsonObject::toString).toList();
    }

    /** An event's {@code seq}. */
    public static long seq(JsonObject message) {
        return message.getJsonNumber("seq").longValue();
    }

    /** The events as the history keeps them: of an upload's {@code streamed_text} growth events, only the latest. */
    public static List<JsonObject> asKeptInHistory(List<JsonObject> events) {
        Map<String, JsonObject> lastGrowth = new HashMap<>();
        events.stream().filter(UploadApiClient::isGrowth)
                .forEach(event -> lastGrowth.put(event.getString("id"), event));
        return events.stream().filter(event -> !isGrowth(event) || lastGrowth.get(event.getString("id")) == event)
                .toList();
    }

    private static boolean isGrowth(JsonObject event) {
        return event.getString("type").equals("Upload.status") && !isStatusChange(event)
                && event.getString("status").equals("processing") && !event.getString("streamed_text").isEmpty();
    }

    /** The next messages up to and including the event with this seq (each as sent, seq included). */
    public List<JsonObject> eventsThrough(long seq) throws Exception {
        List<JsonObject> events = new ArrayList<>();
        JsonObject event;
        do {
            event = next();
            events.add(event);
        } while (event.getJsonNumber("seq") == null || event.getJsonNumber("seq").longValue() < seq);
        return events;
    }

    /** Creates an upload from the image's bytes and returns the reply. */
    public JsonObject create(byte[] image) throws Exception {
        return command(createMessage(image), "Upload.created");
    }

    public static String createMessage(byte[] image) {
        return "{\"type\":\"create\",\"data\":{\"image_base64\":\"" + Base64.getEncoder().encodeToString(image) + "\"}}";
    }

    /**
     * The upload's OCR progress events ({@code Upload.status} with {@code id}) up to and including the final one
     * (processed or error). The {@code Upload.status} events with the whole {@code instance} that announce each status
     * change come in between; they are checked to be the same upload's and passed over.
     */
    public List<JsonObject> statusUntilFinal(String id) throws Exception {
        List<JsonObject> events = new ArrayList<>();
        while (true) {
            JsonObject event = next();
            if (isStatusChange(event)) {
                assertEquals(id, event.getJsonObject("instance").getString("id"), () -> "a change of " + id + ": " + event);
                continue;
            }
            assertEquals("Upload.status", event.getString("type"), () -> "expected a status event: " + event);
            assertEquals(id, event.getString("id"), () -> "expected the status of " + id + ": " + event);
            events.add(event);
            String status = event.getString("status");
            if (!status.equals("processing")) {
                return events;
            }
        }
    }

    /** Waits for the upload's final status event and returns it. */
    public JsonObject finalStatus(String id) throws Exception {
        List<JsonObject> events = statusUntilFinal(id);
        return events.get(events.size() - 1);
    }

    /** {@code {"type": "Upload.status", "instance": {…}}}: an upload's status changed. */
    public static boolean isStatusChange(JsonObject event) {
        return "Upload.status".equals(event.getString("type", null)) && event.containsKey("instance")
                && !event.containsKey("request_id");
    }

    @Override
    public void close() throws Exception {
        ws.close();
    }

    private static String abbreviate(String json) {
        return json.length() > 200 ? json.substring(0, 200) + "…" : json;
    }
}
