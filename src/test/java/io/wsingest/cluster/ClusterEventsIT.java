package io.wsingest.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.wsingest.cluster.ClusterNodes.ClusterNode;
import io.wsingest.testing.Json;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TextPages;
import io.wsingest.testing.Unique;
import io.wsingest.uploadapi.UploadApiClient;

/**
 * Protocol D across nodes: a user's socket on one node hears every event of the uploads the user creates, has read
 * and changes on the other node, exactly as a second socket of the user on that other node hears them, in the same
 * order. The events travel over the clustered Artemis topic; one user's events form one message group.
 */
@Tag("cluster")
class ClusterEventsIT {

    @Test
    void aSocketOnNode2HearsTheEventsOfNode1InNode1sOrder() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        assertEventsCross(cluster.node1(), cluster.node2());
    }

    @Test
    void aSocketOnNode1HearsTheEventsOfNode2InNode2sOrder() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        assertEventsCross(cluster.node2(), cluster.node1());
    }

    /**
     * The author's socket on {@code origin} creates an upload (a page of text, so OCR streams several partial
     * results), waits for its OCR, corrects its text and deletes it. A bystander socket of the same user on
     * {@code origin} and one on {@code other} must hear the same events, in the same order.
     */
    private static void assertEventsCross(ClusterNode origin, ClusterNode other) throws Exception {
        String user = Unique.name("cluster-events");
        byte[] page = TestImages.encode(TextPages.page(TextPages.THREE_PARAGRAPHS.subList(0, 2), System.nanoTime()),
                "png");
        try (UploadApiClient author = connect(origin, user);
             UploadApiClient sameNode = connect(origin, user);
             UploadApiClient otherNode = connect(other, user)) {
            // A reply means the socket is registered for the user's events.
            sameNode.command("{\"type\":\"subscribe\"}", "subscribed");
            otherNode.command("{\"type\":\"subscribe\"}", "subscribed");

            String id = author.create(page).getJsonObject("instance").getString("id");
            assertEquals("processed", author.finalStatus(id).getString("status"));
            author.command("{\"type\":\"update\",\"instance_id\":\"" + id
                    + "\",\"data\":{\"processed_text\":\"corrected\"}}", "Upload.updated");
            author.command("{\"type\":\"delete\",\"instance_id\":\"" + id + "\"}", "Upload.deleted");

            List<String> heardOnOrigin = eventsUntilDeleted(sameNode);
            assertShape(heardOnOrigin, id);
            assertEquals(heardOnOrigin, eventsUntilDeleted(otherNode),
                    () -> "what " + other.name() + " heard differs from what " + origin.name() + " heard");
        }
    }

    private static UploadApiClient connect(ClusterNode node, String user) throws Exception {
        return UploadApiClient.connect(node.http(), "ws/core/upload/", user);
    }

    /** The socket's messages up to and including an {@code Upload.deleted}, as sent. */
    private static List<String> eventsUntilDeleted(UploadApiClient client) throws Exception {
        List<String> events = new ArrayList<>();
        String type;
        do {
            String text = client.ws().awaitText();
            events.add(text);
            type = Json.object(text).getString("type");
        } while (!type.equals("Upload.deleted"));
        return events;
    }

    /**
     * Created, the job's start and its partial texts, processed, updated, deleted: every event of the upload, each
     * once, in the order they happened.
     */
    private static void assertShape(List<String> events, String id) {
        List<JsonObject> parsed = events.stream().map(Json::object).toList();
        List<String> types = parsed.stream().map(event -> event.getString("type")).toList();
        List<String> statuses = parsed.stream().filter(event -> event.getString("type").equals("Upload.status")
                        && !UploadApiClient.isStatusChange(event))
                .map(event -> event.getString("status")).toList();
        List<String> changes = parsed.stream().filter(UploadApiClient::isStatusChange)
                .map(event -> event.getJsonObject("instance").getString("status")).toList();
        assertEquals("Upload.created", types.get(0), types::toString);
        assertEquals(List.of("Upload.updated", "Upload.deleted"), types.subList(types.size() - 2, types.size()),
                types::toString);
        assertEquals(types.size() - 3, statuses.size() + changes.size(), "only status events between: " + types);
        assertEquals(List.of("processing", "processed"), changes, "each status change once, with the instance");
        assertEquals("processed", statuses.get(statuses.size() - 1), statuses::toString);
        assertTrue(statuses.size() >= 3 && statuses.subList(0, statuses.size() - 1).stream()
                .allMatch("processing"::equals), "the job's start, partial text, then processed: " + statuses);
        for (JsonObject event : parsed) {
            String eventId = event.containsKey("instance") ? event.getJsonObject("instance").getString("id")
                    : event.getString("id");
            assertEquals(id, eventId, event::toString);
        }
    }
}
