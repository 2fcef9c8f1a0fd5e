package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.TextPages;

/**
 * What a client written to the original Upload API document relies on, over real sockets: the whole list, the
 * instance sent back whole in an update, status changes broadcast with the instance, a base64 image checked against
 * its hash, and GIF, BMP and WebP images read by OCR.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class UploadApiFidelityIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL url;

    private static String user(String name) {
        return name + "-" + System.nanoTime();
    }

    private UploadApiClient connect(String user, String path) throws Exception {
        return UploadApiClient.connect(new TestServer(url), path, user);
    }

    private static String id(JsonObject reply) {
        return reply.getJsonObject("instance").getString("id");
    }

    /** Creates an upload and waits until its OCR is over, so the socket has no more events of it. */
    private static String createProcessed(UploadApiClient client, byte[] image) throws Exception {
        String id = id(client.create(image));
        assertEquals("processed", client.finalStatus(id).getString("status"));
        return id;
    }

    @Test
    void listWithoutOffsetAndLimitHasEveryUpload() throws Exception {
        String user = user("lena");
        try (UploadApiClient all = connect(user, "ws/core/upload/")) {
            String first = createProcessed(all, TestImages.png(24, 16, System.nanoTime()));
            // A socket that follows the first upload gets no events of the others: only the replies to its commands.
            try (UploadApiClient commands = connect(user, "ws/core/upload/" + first + "/")) {
                List<String> newestFirst = new ArrayList<>(List.of(first));
                for (int i = 0; i < CommandDecoder.DEFAULT_LIMIT + 5; i++) {
                    newestFirst.add(0, id(commands.create(TestImages.png(24, 16, System.nanoTime()))));
                }
                // The document's request and reply: {"type": "list"} → {"type": "Upload.list", "list": [ … ]}.
                JsonObject list = commands.command("{ \"type\": \"list\" }", "Upload.list");
                assertEquals(newestFirst, list.getJsonArray("list").stream()
                        .map(upload -> upload.asJsonObject().getString("id")).toList());
                assertEquals(newestFirst.size(), list.getInt("total"));
                assertFalse(list.containsKey("offset") || list.containsKey("limit"), list.keySet().toString());

                JsonObject page = commands.command("{\"type\":\"list\",\"offset\":50}", "Upload.list");
                assertEquals(newestFirst.subList(50, newestFirst.size()), page.getJsonArray("list").stream()
                        .map(upload -> upload.asJsonObject().getString("id")).toList());
                assertEquals(50, page.getInt("limit"), "paging as before once offset or limit is sent");
                assertEquals(newestFirst.size(), page.getInt("total"));
            }
        }
    }

    @Test
    void updateTakesTheInstanceSentBackWhole() throws Exception {
        try (UploadApiClient client = connect(user("rest"), "ws/core/upload/")) {
            String id = createProcessed(client, TestImages.png(24, 16, System.nanoTime()));
            JsonObject stored = client.command("{\"type\":\"retrieve\",\"instance_id\":\"" + id + "\"}",
                    "Upload.status").getJsonObject("instance");

            JsonObject corrected = Json.createObjectBuilder(stored).add("processed_text", "Corrected by hand").build();
            JsonObject updated = client.command(update(id, corrected), "Upload.updated").getJsonObject("instance");
            assertEquals("Corrected by hand", updated.getString("processed_text"));
            assertEquals(stored.getString("raw_text"), updated.getString("raw_text"));
            assertEquals("processed", updated.getString("status"));

            JsonObject unchanged = client.command(update(id, updated), "Upload.updated").getJsonObject("instance");
            assertEquals(updated, unchanged, "the same instance sent back changes nothing");

            JsonObject forged = Json.createObjectBuilder(updated).add("owner", "mallory").add("size", 1).build();
            JsonObject refused = client.command(update(id, forged), "Upload.updated");
            assertEquals(Map.of("owner", "This field is read-only.", "size", "This field is read-only."),
                    Map.of("owner", refused.getJsonObject("error").getString("owner"),
                            "size", refused.getJsonObject("error").getString("size")));
            assertEquals(2, refused.getJsonObject("error").size(), refused.toString());

            JsonObject rerun = Json.createObjectBuilder(updated).add("status", "pending").build();
            JsonObject pending = client.command(update(id, rerun), "Upload.updated").getJsonObject("instance");
            assertEquals("pending", pending.getString("status"));
            assertEquals("processed", client.finalStatus(id).getString("status"));
        }
    }

    private static String update(String id, JsonObject data) {
        return Json.createObjectBuilder().add("type", "update").add("instance_id", id).add("data", data).build()
                .toString();
    }

    @Test
    void statusChangesAreBroadcastWithTheInstance() throws Exception {
        String user = user("watcher");
        try (UploadApiClient author = connect(user, "ws/core/upload/");
             UploadApiClient watcher = connect(user, "ws/core/upload/")) {
            String id = id(author.create(TestImages.png(24, 16, System.nanoTime())));
            assertEquals("Upload.created", watcher.next().getString("type"));
            List<String> changes = new ArrayList<>();
            JsonObject event;
            do {
                event = watcher.next();
                if (UploadApiClient.isStatusChange(event)) {
                    JsonObject instance = event.getJsonObject("instance");
                    assertEquals(id, instance.getString("id"));
                    assertEquals(List.of("type", "instance", "seq"), List.copyOf(event.keySet()), "the document's event, numbered");
                    changes.add(instance.getString("status"));
                }
            } while (!"processed".equals(event.getString("status", null)));
            assertEquals(List.of("processing", "processed"), changes,
                    "each change with the latest instance, before the progress event of the same change");
            // The author's socket has the OCR events too.
            assertEquals("processed", author.finalStatus(id).getString("status"));

            JsonObject rerun = author.command("{\"type\":\"update\",\"instance_id\":\"" + id
                    + "\",\"data\":{\"status\":\"pending\"}}", "Upload.updated");
            assertEquals("pending", rerun.getJsonObject("instance").getString("status"));
            assertEquals("Upload.updated", watcher.next().getString("type"));
            JsonObject pending = watcher.next();
            assertTrue(UploadApiClient.isStatusChange(pending), pending.toString());
            assertEquals("pending", pending.getJsonObject("instance").getString("status"));
        }
    }

    @Test
    void base64ImageIsCheckedAgainstItsHash() throws Exception {
        byte[] png = TestImages.png(24, 16, System.nanoTime());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        String base64 = Base64.getEncoder().encodeToString(png);
        try (UploadApiClient client = connect(user("hash"), "ws/core/upload/")) {
            JsonObject mismatch = client.command("{\"type\":\"create\",\"data\":{\"image_base64\":\"" + base64
                    + "\",\"image_hash\":\"" + "ab".repeat(32) + "\"}}", "Upload.created");
            assertEquals("Does not match the content of image_base64.",
                    mismatch.getJsonObject("error").getString("image_hash"));
            JsonObject created = client.command("{\"type\":\"create\",\"data\":{\"image_base64\":\"" + base64
                    + "\",\"image_hash\":\"" + sha256.toUpperCase() + "\"}}", "Upload.created");
            assertEquals(sha256, created.getJsonObject("instance").getString("image_hash"));
            assertFalse(created.getBoolean("duplicate"));
        }
    }

    @Test
    void gifBmpAndWebpImagesAreRead() throws Exception {
        List<String> line = TextPages.THREE_PARAGRAPHS.subList(0, 1);
        String firstWord = line.get(0).split(" ")[0];
        try (UploadApiClient client = connect(user("formats"), "ws/core/upload/")) {
            Map<String, byte[]> images = Map.of(
                    "image/gif", TestImages.encode(TextPages.page(line, System.nanoTime()), "gif"),
                    "image/bmp", TestImages.encode(TextPages.page(line, System.nanoTime()), "bmp"),
                    "image/webp", TestImages.webp(TextPages.page(line, System.nanoTime())));
            for (Map.Entry<String, byte[]> image : images.entrySet()) {
                JsonObject instance = client.create(image.getValue()).getJsonObject("instance");
                assertEquals(image.getKey(), instance.getString("content_type"));
                JsonObject processed = client.finalStatus(instance.getString("id"));
                assertEquals("processed", processed.getString("status"), processed.toString());
                assertTrue(processed.getString("raw_text").contains(firstWord), processed.toString());
            }
        }
    }
}
