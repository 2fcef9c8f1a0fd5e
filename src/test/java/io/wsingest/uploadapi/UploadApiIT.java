package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.auth.TestTokens;
import io.wsingest.ocr.TextCleanup;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.TextPages;
import io.wsingest.testing.WsClient;

/**
 * The Upload API over real sockets in WildFly: the document's flow, event routing between sessions and users, every
 * command and its errors. The deployment imports from a temporary directory and limits images to 1 MiB.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class UploadApiIT {

    private static final long MAX_IMAGE_BYTES = 1 << 20;
    private static final int MAX_MESSAGE_SIZE = 64 * 1024;
    private static Path imports;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        imports = Files.createTempDirectory("uploadapi-imports");
        return Deployments.application().addAsResource(new StringAsset(
                "wsingest.uploadapi.import-dirs=" + imports + "\n"
                        + "wsingest.uploadapi.max-image-bytes=" + MAX_IMAGE_BYTES + "\n"
                        + "wsingest.uploadapi.max-message-size=" + MAX_MESSAGE_SIZE + "\n"),
                "META-INF/microprofile-config.properties");
    }

    @AfterAll
    static void removeImports() throws Exception {
        if (imports != null) {
            try (Stream<Path> files = Files.walk(imports)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @ArquillianResource
    URL url;

    private static String user(String name) {
        return name + "-" + System.nanoTime();
    }

    private UploadApiClient connect(String user) throws Exception {
        return UploadApiClient.connect(new TestServer(url), "ws/core/upload/", user);
    }

    private UploadApiClient connect(String user, String path) throws Exception {
        return UploadApiClient.connect(new TestServer(url), path, user);
    }

    /** A PNG nobody else has uploaded (content is shared across users and test runs). */
    private static byte[] uniquePng() {
        return TestImages.png(24, 16, System.nanoTime());
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static String createdId(JsonObject reply) {
        return reply.getJsonObject("instance").getString("id");
    }

    @Test
    void documentedFlowFromCreateToProcessedText() throws Exception {
        String alice = user("alice");
        List<String> paragraphs = TextPages.THREE_PARAGRAPHS.subList(0, 2);
        byte[] tiff = TestImages.multiPageTiff(TextPages.page(paragraphs.subList(0, 1), System.nanoTime()),
                TextPages.page(paragraphs.subList(1, 2), 2));
        try (UploadApiClient client = connect(alice)) {
            JsonObject subscribed = client.command("{\"type\":\"subscribe\"}", "subscribed");
            assertEquals("subscribed", subscribed.getString("message"));
            assertEquals("Upload", subscribed.getString("model"));
            assertTrue(subscribed.isNull("instance_id"));

            JsonObject created = client.create(tiff);
            assertFalse(created.getBoolean("duplicate"));
            JsonObject instance = created.getJsonObject("instance");
            String id = instance.getString("id");
            UUID.fromString(id);
            assertEquals(alice, instance.getString("owner"));
            assertEquals("pending", instance.getString("status"));
            assertTrue(instance.isNull("image_path"));
            assertEquals(sha256(tiff), instance.getString("image_hash"));
            assertEquals("image/tiff", instance.getString("content_type"));
            assertEquals(tiff.length, instance.getJsonNumber("size").longValue());
            assertEquals(instance.getString("created_at"), instance.getString("updated_at"));
            Instant.parse(instance.getString("created_at"));
            assertTrue(instance.isNull("raw_text") && instance.isNull("processed_text") && instance.isNull("error"));

            List<JsonObject> events = client.statusUntilFinal(id);
            List<String> statuses = events.stream().map(e -> e.getString("status")).toList();
            assertEquals("processed", statuses.get(statuses.size() - 1), statuses::toString);
            assertTrue(statuses.size() >= 3 && statuses.subList(0, statuses.size() - 1).stream()
                    .allMatch("processing"::equals), statuses::toString);
            assertEquals("", events.get(0).getString("streamed_text"), "the job has started");
            String previous = "";
            for (JsonObject partial : events.subList(1, events.size() - 1)) {
                String text = partial.getString("streamed_text");
                assertTrue(text.startsWith(previous) && text.length() > previous.length(), "growing: " + text);
                previous = text;
            }
            JsonObject processed = events.get(events.size() - 1);
            String raw = processed.getString("raw_text");
            assertTrue(raw.startsWith(previous), raw);
            double cer = TextPages.characterErrorRate(TextPages.asText(paragraphs), raw);
            assertTrue(cer < 0.02, () -> "character error rate " + cer + ": " + raw);
            assertEquals(2, raw.split("\n\n").length, "a blank line between the pages' paragraphs: " + raw);
            assertEquals(Map.of("id", id, "status", "processed", "raw_text", raw, "processed_text",
                    TextCleanup.clean(raw), "type", "Upload.status"),
                    stringsOf(jakarta.json.Json.createObjectBuilder(processed).remove("seq").build()));
            assertEquals(List.of("id", "status", "raw_text", "processed_text", "type", "seq"),
                    List.copyOf(processed.keySet()), "seq is the last field");

            JsonObject retrieved = client.command("{\"type\":\"retrieve\",\"instance_id\":\"" + id + "\"}",
                    "Upload.status").getJsonObject("instance");
            assertEquals("processed", retrieved.getString("status"));
            assertEquals(raw, retrieved.getString("raw_text"));
            assertEquals(TextCleanup.clean(raw), retrieved.getString("processed_text"));
            assertNotEquals(retrieved.getString("created_at"), retrieved.getString("updated_at"));
        }
    }

    private static Map<String, String> stringsOf(JsonObject object) {
        return object.keySet().stream().collect(java.util.stream.Collectors.toMap(k -> k, object::getString));
    }

    @Test
    void everySessionOfTheUserGetsTheEventsAndNoOtherUserDoes() throws Exception {
        String alice = user("alice");
        String bob = user("bob");
        try (UploadApiClient tab1 = connect(alice);
             UploadApiClient tab2 = connect(alice);
             UploadApiClient bobTab = connect(bob)) {
            String id = createdId(tab1.create(uniquePng()));
            tab1.finalStatus(id);

            JsonObject announced = tab2.next();
            assertEquals("Upload.created", announced.getString("type"));
            assertEquals(id, announced.getJsonObject("instance").getString("id"));
            assertFalse(announced.containsKey("duplicate"), "an event, not a reply");
            assertEquals("processed", tab2.finalStatus(id).getString("status"));

            // Had bob's socket been handed alice's events, they would be queued before his own reply.
            JsonObject bobs = bobTab.create(uniquePng());
            assertEquals(bob, bobs.getJsonObject("instance").getString("owner"));
        }
    }

    @Test
    void theCreatingSocketGetsItsReplyNotAlsoTheEvent() throws Exception {
        String carol = user("carol");
        try (UploadApiClient client = connect(carol)) {
            String id = createdId(client.create(uniquePng()));
            client.finalStatus(id);
            String text = "corrected";
            client.command("{\"type\":\"update\",\"instance_id\":\"" + id + "\",\"data\":{\"processed_text\":\""
                    + text + "\"}}", "Upload.updated");
            // Nothing else is waiting: the next message is the list reply.
            client.command("{\"type\":\"list\"}", "Upload.list");
        }
    }

    @Test
    void perUploadSocketGetsOnlyItsUploadsEvents() throws Exception {
        String dora = user("dora");
        try (UploadApiClient all = connect(dora)) {
            String a = createdId(all.create(uniquePng()));
            all.finalStatus(a);
            String b = createdId(all.create(uniquePng()));
            all.finalStatus(b);

            try (UploadApiClient onlyA = connect(dora, "ws/core/upload/" + a + "/")) {
                JsonObject subscribed = onlyA.command("{\"type\":\"subscribe\"}", "subscribed");
                assertEquals(a, subscribed.getString("instance_id"));

                all.command(update(b, "text of b"), "Upload.updated");
                all.command(update(a, "text of a"), "Upload.updated");

                JsonObject event = onlyA.next();
                assertEquals("Upload.updated", event.getString("type"));
                assertEquals(a, event.getJsonObject("instance").getString("id"));
                assertEquals("text of a", event.getJsonObject("instance").getString("processed_text"));

                JsonObject retrieved = onlyA.command("{\"type\":\"retrieve\"}", "Upload.status");
                assertEquals(a, retrieved.getJsonObject("instance").getString("id"), "instance_id defaults to the path's");
            }
        }
    }

    private static String update(String id, String processedText) {
        return "{\"type\":\"update\",\"instance_id\":\"" + id + "\",\"data\":{\"processed_text\":\"" + processedText + "\"}}";
    }

    @Test
    void bothPathsWorkWithAndWithoutTheTrailingSlash() throws Exception {
        String erin = user("erin");
        try (UploadApiClient all = connect(erin, "ws/core/upload")) {
            all.command("{\"type\":\"subscribe\"}", "subscribed");
            String id = createdId(all.create(uniquePng()));
            all.finalStatus(id);
            try (UploadApiClient one = connect(erin, "ws/core/upload/" + id)) {
                assertEquals(id, one.command("{\"type\":\"subscribe\"}", "subscribed").getString("instance_id"));
            }
        }
    }

    @Test
    void perUploadSocketForAnUploadThatIsNotTheUsersClosesWith4403LikeAMissingOne() throws Exception {
        String fay = user("fay");
        String gus = user("gus");
        String faysUpload;
        try (UploadApiClient client = connect(fay)) {
            faysUpload = createdId(client.create(uniquePng()));
            client.finalStatus(faysUpload);
        }
        for (String id : List.of(faysUpload, UUID.randomUUID().toString(), "not-a-uuid")) {
            for (String path : List.of("ws/core/upload/" + id + "/", "ws/core/upload/" + id)) {
                try (WsClient ws = WsClient.connect(new TestServer(url).ws(path, TestServer.token(gus)))) {
                    CloseReason reason = ws.awaitClose();
                    assertEquals(4403, reason.getCloseCode().getCode(), path);
                    assertEquals("upload not found", reason.getReasonPhrase(), path);
                }
            }
        }
    }

    @Test
    void closesWith4401WithoutAValidToken() throws Exception {
        TestServer server = new TestServer(url);
        try (WsClient ws = WsClient.connect(server.ws("ws/core/upload/"))) {
            CloseReason reason = ws.awaitClose();
            assertEquals(4401, reason.getCloseCode().getCode());
            assertEquals("missing token", reason.getReasonPhrase());
        }
        String expired = TestTokens.hs256(TestServer.secret(), "hal", false, Instant.now().minusSeconds(3600));
        try (WsClient ws = WsClient.connect(server.ws("ws/core/upload/" + UUID.randomUUID() + "/", expired))) {
            CloseReason reason = ws.awaitClose();
            assertEquals(4401, reason.getCloseCode().getCode());
            assertEquals("token expired", reason.getReasonPhrase());
        }
    }

    @Test
    void acceptsTheTokenAsBearerSubprotocolLikeBrowsersSendIt() throws Exception {
        String ivy = user("ivy");
        try (WsClient ws = WsClient.connect(new TestServer(url).ws("ws/core/upload/"), Map.of(),
                List.of("bearer", TestServer.token(ivy)))) {
            assertEquals("bearer", ws.session().getNegotiatedSubprotocol());
            ws.sendText("{\"type\":\"subscribe\"}");
            assertEquals("subscribed", io.wsingest.testing.Json.object(ws.awaitText()).getString("type"));
        }
    }

    @Test
    void repeatedContentIsADuplicateAndStartsNoJob() throws Exception {
        String jan = user("jan");
        byte[] png = uniquePng();
        try (UploadApiClient client = connect(jan)) {
            JsonObject first = client.create(png);
            String id = createdId(first);
            client.finalStatus(id);

            JsonObject again = client.create(png);
            assertTrue(again.getBoolean("duplicate"));
            assertEquals(id, createdId(again));
            assertEquals("processed", again.getJsonObject("instance").getString("status"));

            JsonObject byHash = client.command("{\"type\":\"create\",\"data\":{\"image_hash\":\"" + sha256(png) + "\"}}",
                    "Upload.created");
            assertTrue(byHash.getBoolean("duplicate"));
            assertEquals(id, createdId(byHash));

            // No job ran for the duplicates: no status event is queued before this reply.
            client.command("{\"type\":\"retrieve\",\"instance_id\":\"" + id + "\"}", "Upload.status");
        }
        try (UploadApiClient other = connect(user("kim"))) {
            assertFalse(other.create(png).getBoolean("duplicate"), "duplicates are per user");
        }
    }

    @Test
    void updatesAndDeletesAreAnsweredAndReachTheOtherSessions() throws Exception {
        String lea = user("lea");
        try (UploadApiClient tab1 = connect(lea);
             UploadApiClient tab2 = connect(lea)) {
            String id = createdId(tab1.create(uniquePng()));
            tab1.finalStatus(id);
            assertEquals("Upload.created", tab2.next().getString("type"));
            tab2.finalStatus(id);

            JsonObject updated = tab1.command(update(id, "my text"), "Upload.updated").getJsonObject("instance");
            assertEquals("my text", updated.getString("processed_text"));
            JsonObject updateEvent = tab2.next();
            assertEquals("Upload.updated", updateEvent.getString("type"));
            assertEquals(updated, updateEvent.getJsonObject("instance"));

            JsonObject rerun = tab1.command("{\"type\":\"update\",\"instance_id\":\"" + id
                    + "\",\"data\":{\"status\":\"pending\"}}", "Upload.updated").getJsonObject("instance");
            assertEquals("pending", rerun.getString("status"));
            assertTrue(rerun.isNull("raw_text") && rerun.isNull("processed_text"));
            assertEquals("Upload.updated", tab2.next().getString("type"));
            assertEquals("processed", tab1.finalStatus(id).getString("status"));
            assertEquals("processed", tab2.finalStatus(id).getString("status"));

            JsonObject deleted = tab1.command("{\"type\":\"delete\",\"instance_id\":\"" + id + "\"}", "Upload.deleted");
            assertEquals(id, deleted.getJsonObject("instance").getString("id"));
            JsonObject deleteEvent = tab2.next();
            assertEquals("Upload.deleted", deleteEvent.getString("type"));
            assertEquals(id, deleteEvent.getJsonObject("instance").getString("id"));

            JsonObject gone = tab1.command("{\"type\":\"retrieve\",\"instance_id\":\"" + id + "\"}", "Upload.status");
            assertEquals("{\"instance_id\":\"Upload not found.\"}", gone.getJsonObject("error").toString());
        }
    }

    @Test
    void listsTheUsersUploadsNewestFirstWithPaging() throws Exception {
        try (UploadApiClient client = connect(user("max"))) {
            String first = createdId(client.create(uniquePng()));
            client.finalStatus(first);
            String second = createdId(client.create(uniquePng()));
            client.finalStatus(second);
            String third = createdId(client.create(uniquePng()));
            client.finalStatus(third);

            JsonObject list = client.command("{\"type\":\"list\",\"request_id\":\"page-1\"}", "Upload.list");
            assertEquals("page-1", list.getString("request_id"));
            assertEquals(List.of(third, second, first),
                    list.getJsonArray("list").stream().map(v -> v.asJsonObject().getString("id")).toList());
            assertEquals(3, list.getInt("total"));
            assertFalse(list.containsKey("limit"), "without offset and limit, all of them: " + list);

            JsonObject page = client.command("{\"type\":\"list\",\"offset\":1,\"limit\":1}", "Upload.list");
            assertEquals(List.of(second),
                    page.getJsonArray("list").stream().map(v -> v.asJsonObject().getString("id")).toList());
        }
    }

    @Test
    void importsFilesFromAnImportDirectoryOnly() throws Exception {
        byte[] png = uniquePng();
        Path file = Files.write(imports.resolve("scan-" + System.nanoTime() + ".png"), png);
        Path outside = Files.write(Files.createTempFile("outside", ".png"), uniquePng());
        try (UploadApiClient client = connect(user("ned"))) {
            JsonObject created = client.command("{\"type\":\"create\",\"data\":{\"image_path\":\"" + file
                    + "\",\"image_hash\":\"" + sha256(png) + "\"}}", "Upload.created");
            JsonObject instance = created.getJsonObject("instance");
            assertEquals(file.toString(), instance.getString("image_path"));
            assertEquals(sha256(png), instance.getString("image_hash"));
            assertEquals("processed", client.finalStatus(instance.getString("id")).getString("status"));

            assertCreateError(client, "{\"image_path\":\"" + outside + "\"}", "image_path", "Not inside an import directory.");
            assertCreateError(client, "{\"image_path\":\"" + imports + "/../" + outside.getFileName() + "\"}",
                    "image_path", "Must not contain '..'.");
            assertCreateError(client, "{\"image_path\":\"" + imports.resolve("missing.png") + "\"}", "image_path",
                    "File not found.");
            assertCreateError(client, "{\"image_path\":\"scan.png\"}", "image_path",
                    "Must be an absolute path inside an import directory.");
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    private static void assertCreateError(UploadApiClient client, String data, String field, String message)
            throws Exception {
        JsonObject reply = client.command("{\"type\":\"create\",\"data\":" + data + "}", "Upload.created");
        assertEquals(Map.of(field, message), stringsOf(reply.getJsonObject("error")), data);
        assertFalse(reply.containsKey("instance"));
    }

    @Test
    void refusesCreatesWithBadContentAndStaysUsable() throws Exception {
        String oli = user("oli");
        byte[] png = uniquePng();
        try (UploadApiClient client = connect(oli)) {
            assertCreateError(client, "{\"image_base64\":\"iVBORw0K-GgoAAA\"}", "image_base64",
                    "Invalid base64 encoding: illegal character '-' (U+002D) at position 8");
            assertCreateError(client, "{\"image_base64\":\"" + base64("just some text, not an image") + "\"}",
                    "image_base64", "Not a supported image: the content is none of image/png, image/jpeg, image/tiff,"
                            + " image/gif, image/bmp, image/webp, application/pdf.");
            byte[] tooLarge = new byte[(int) MAX_IMAGE_BYTES + 1];
            System.arraycopy(png, 0, tooLarge, 0, png.length);
            assertCreateError(client, "{\"image_base64\":\"" + Base64.getEncoder().encodeToString(tooLarge) + "\"}",
                    "image_base64", "The image is larger than the limit of " + MAX_IMAGE_BYTES + " bytes.");
            assertCreateError(client, "{\"image_base64\":\"\"}", "image_base64", "This field may not be blank.");
            assertCreateError(client, "{\"image_base64\":\"" + base64(png) + "\",\"image_hash\":\"" + "0".repeat(64) + "\"}",
                    "image_hash", "Does not match the content of image_base64.");
            assertCreateError(client, "{\"image_hash\":\"" + "0".repeat(64) + "\"}", "image_hash",
                    "None of your files has this content.");
            assertCreateError(client, "{\"image_hash\":\"xyz\"}", "image_hash",
                    "Must be a SHA-256: 64 hexadecimal characters.");
            assertCreateError(client, "{\"image_base64\":\"" + base64(png) + "\",\"image_path\":\"/x\"}",
                    "non_field_errors", "Send either image_base64 or image_path, not both.");
            assertCreateError(client, "{}", "non_field_errors", "Send one of image_base64, image_path or image_hash.");

            JsonObject created = client.command("{\"type\":\"create\",\"request_id\":1,\"data\":{\"image_base64\":"
                    + "\"data:image/png;base64," + base64(png) + "\"}}", "Upload.created");
            assertEquals(1, created.getInt("request_id"));
            assertEquals("image/png", created.getJsonObject("instance").getString("content_type"));
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void unreadableMessagesGetAnErrorReplyAndTheSocketStaysOpen() throws Exception {
        try (UploadApiClient client = connect(user("pam"))) {
            assertError(client, "{\"type\":\"create\",", "non_field_errors", "Malformed JSON: ");
            assertError(client, "\"subscribe\"", "non_field_errors", "A message must be a JSON object");
            assertError(client, "{\"data\":{}}", "type", "This field is required.");
            assertError(client, "{\"type\":\"upload\"}", "type",
                    "Unknown command 'upload'; expected one of subscribe, create, list, retrieve, update, delete");
            assertError(client, "{\"type\":\"list\",\"padding\":\"" + "x".repeat(MAX_MESSAGE_SIZE) + "\"}",
                    "non_field_errors", "Message too large: more than " + MAX_MESSAGE_SIZE
                            + " characters besides the image_base64 value");
            client.ws().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            JsonObject binary = client.next();
            assertEquals("error", binary.getString("type"));
            assertEquals("Binary messages are not part of this protocol; send JSON text.",
                    binary.getJsonObject("error").getString("non_field_errors"));

            client.command("{\"type\":\"subscribe\"}", "subscribed");
        }
    }

    private static void assertError(UploadApiClient client, String message, String field, String start)
            throws Exception {
        JsonObject reply = client.command(message, "error");
        String error = reply.getJsonObject("error").getString(field);
        assertTrue(error.startsWith(start), error);
    }

    @Test
    void commandsOnUploadsThatAreNotTheUsersAreNotFoundLikeMissingOnes() throws Exception {
        String alice = user("alice");
        String id;
        try (UploadApiClient client = connect(alice)) {
            id = createdId(client.create(uniquePng()));
            client.finalStatus(id);
        }
        try (UploadApiClient mallory = connect(user("mallory"))) {
            for (String target : List.of(id, UUID.randomUUID().toString())) {
                assertNotFound(mallory, "{\"type\":\"retrieve\",\"instance_id\":\"" + target + "\"}", "Upload.status");
                assertNotFound(mallory, update(target, "mine now"), "Upload.updated");
                assertNotFound(mallory, "{\"type\":\"delete\",\"instance_id\":\"" + target + "\"}", "Upload.deleted");
            }
            assertEquals(0, mallory.command("{\"type\":\"list\"}", "Upload.list").getInt("total"));
        }
        try (UploadApiClient client = connect(alice)) {
            assertEquals("processed", client.command("{\"type\":\"retrieve\",\"instance_id\":\"" + id + "\"}",
                    "Upload.status").getJsonObject("instance").getString("status"), "untouched");
        }
    }

    private static void assertNotFound(UploadApiClient client, String command, String replyType) throws Exception {
        JsonObject reply = client.command(command, replyType);
        assertEquals("{\"instance_id\":\"Upload not found.\"}", reply.getJsonObject("error").toString());
    }

    @Test
    void aCorruptImageEndsInErrorAndCanOnlyBeRunAgain() throws Exception {
        byte[] corrupt = TestImages.truncated(TestImages.png(64, 64, System.nanoTime()), 100);
        try (UploadApiClient client = connect(user("quinn"))) {
            JsonObject created = client.create(corrupt);
            String id = createdId(created);
            assertEquals("image/png", created.getJsonObject("instance").getString("content_type"));

            JsonObject failed = client.finalStatus(id);
            assertEquals("error", failed.getString("status"));
            assertTrue(failed.getString("error").startsWith("Cannot read the PNG image: "), failed.toString());
            assertEquals(List.of("id", "status", "type", "error", "seq"), List.copyOf(failed.keySet()));

            JsonObject instance = client.command("{\"type\":\"retrieve\",\"instance_id\":\"" + id + "\"}",
                    "Upload.status").getJsonObject("instance");
            assertEquals("error", instance.getString("status"));
            assertEquals(failed.getString("error"), instance.getString("error"));

            JsonObject refused = client.command(update(id, "x"), "Upload.updated");
            assertEquals("Can be changed once the upload is processed (it is error).",
                    refused.getJsonObject("error").getString("processed_text"));
            JsonObject unknown = client.command("{\"type\":\"update\",\"instance_id\":\"" + id
                    + "\",\"data\":{\"raw_text\":\"x\",\"colour\":1}}", "Upload.updated");
            assertEquals(Map.of("colour", "Unknown field."), stringsOf(unknown.getJsonObject("error")));
            JsonObject readOnly = client.command("{\"type\":\"update\",\"instance_id\":\"" + id
                    + "\",\"data\":{\"raw_text\":\"x\"}}", "Upload.updated");
            assertEquals(Map.of("raw_text", "This field is read-only."), stringsOf(readOnly.getJsonObject("error")));

            client.command("{\"type\":\"update\",\"instance_id\":\"" + id + "\",\"data\":{\"status\":\"pending\"}}",
                    "Upload.updated");
            assertEquals("error", client.finalStatus(id).getString("status"), "the same image fails again");
        }
    }
}
