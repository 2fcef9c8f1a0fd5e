package io.wsingest.galileo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.Json;
import io.wsingest.testing.RawWebSocket;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;
import io.wsingest.testing.Unique;

/**
 * GalileoSend over real sockets, as the original clients speak it, with what the server kept checked inside the
 * server ({@link GalileoProbeServlet}): the stored bytes, the catalogue entry, and no spool file left behind.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
// A -Dtest pattern naming the package also hands this class to surefire, which has no server for it.
@Tag("integration")
class GalileoUploadIT {

    private static final int CHUNK = 262_144;
    private static final String ADMIN = TestServer.adminToken("root");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application().addClass(GalileoProbeServlet.class);
    }

    @ArquillianResource
    URL url;

    private TestServer server() {
        return new TestServer(url);
    }

    private static String unique(String name) {
        return Unique.name(name + "-");
    }

    private static byte[] content(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String hex(HashType type, byte[] content) {
        return HexFormat.of().formatHex(type.newDigest().digest(content));
    }

    private static String finishedWithHash(HashType type, String value) {
        return "{\"finished\":true,\"hash\":{\"type\":\"" + type.wireName() + "\",\"value\":\"" + value + "\"}}";
    }

    private GalileoClient connect(String user, String query) throws Exception {
        return new GalileoClient(WsClient.connect(server().ws("ws/galileo" + query, TestServer.token(user))));
    }

    private GalileoProbe probe() {
        return new GalileoProbe(server());
    }

    private String createProject(String... members) throws Exception {
        String id = unique("galileo");
        var created = server().postJson("api/projects", ADMIN, "{\"id\":\"" + id + "\",\"name\":\"Galileo\"}");
        assertEquals(201, created.statusCode(), created.body());
        for (String member : members) {
            assertEquals(204, server().put("api/projects/" + id + "/members/" + member, ADMIN).statusCode());
        }
        return id;
    }

    private static void assertClosedWith(int code, GalileoClient client) throws Exception {
        CloseReason reason = client.awaitClose();
        assertEquals(code, reason.getCloseCode().getCode(), reason::toString);
    }

    private static void assertFatal(String message, JsonObject signal) {
        assertEquals(message, signal.getString("error", null), signal::toString);
        assertEquals(JsonValue.TRUE, signal.get("fatal"));
    }

    /** The stored file, read back from the blob store, is exactly the content. */
    private void assertStoredOnce(String owner, String name, byte[] content, String project) throws Exception {
        JsonArray files = probe().storedFiles(owner);
        assertEquals(1, files.size(), files::toString);
        JsonObject file = files.getJsonObject(0);
        String sha256 = hex(HashType.SHA256, content);
        assertEquals(name, file.getString("name"));
        assertEquals(content.length, file.getJsonNumber("size").longValueExact());
        assertEquals(sha256, file.getString("sha256"));
        assertEquals(sha256, file.getString("contentSha256"), "the bytes in the blob store");
        assertEquals(content.length, file.getJsonNumber("contentSize").longValueExact());
        assertEquals("GALILEO", file.getString("source"));
        if (project == null) {
            assertTrue(file.isNull("project"));
        } else {
            assertEquals(project, file.getString("project"));
        }
    }

    @Test
    void storesAMultiMegabyteFileSentLikeTheBrowserClient() throws Exception {
        String user = unique("browser");
        byte[] content = content(5 * 1024 * 1024 + 12_345, 1);
        try (GalileoClient client = connect(user, "")) {
            JsonObject end = client.sendLikeTheBrowser("survey photos.zip", content, GalileoClient.FINISHED);

            assertEquals(JsonValue.TRUE, end.get("close"), end::toString);
            // After the close signal the server closes too, so a client that does not close holds nothing.
            CloseReason reason = client.awaitClose();
            assertEquals(1000, reason.getCloseCode().getCode());
            assertEquals("File stored", reason.getReasonPhrase());
        }
        assertStoredOnce(user, "survey photos.zip", content, null);
    }

    @Test
    void storesAMultiMegabyteFileSentLikeThePerlSenderWithAnEmptyLastChunk() throws Exception {
        String user = unique("perl");
        byte[] content = content(3 * 1024 * 1024, 2);
        try (GalileoClient client = connect(user, "")) {
            JsonObject end = client.sendLikeThePerlSender("backup.tar", content, GalileoClient.FINISHED);

            assertEquals(JsonValue.TRUE, end.get("close"), end::toString);
            assertClosedWith(1000, client);
        }
        assertStoredOnce(user, "backup.tar", content, null);
    }

    @Test
    void announcesTheConfiguredChunksize() throws Exception {
        try (GalileoClient client = connect(unique("chunks"), "")) {
            client.sendMetadata("a.txt", 1);
            assertEquals(CHUNK, client.awaitReady());
        }
    }

    @ParameterizedTest
    @EnumSource(HashType.class)
    void storesAFileWhoseHashMatches(HashType type) throws Exception {
        String user = unique("hash-" + type.wireName());
        byte[] content = content(700_000, 3);
        try (GalileoClient client = connect(user, "")) {
            JsonObject end = client.sendLikeTheBrowser("hashed.bin", content, finishedWithHash(type, hex(type, content)));

            assertEquals(JsonValue.TRUE, end.get("close"), end::toString);
        }
        assertStoredOnce(user, "hashed.bin", content, null);
    }

    @ParameterizedTest
    @EnumSource(HashType.class)
    void refusesAFileWhoseHashDoesNotMatchAndKeepsNothing(HashType type) throws Exception {
        String user = unique("bad-hash-" + type.wireName());
        byte[] content = content(700_000, 4);
        String wrong = hex(type, content(10, 5));
        try (GalileoClient client = connect(user, "")) {
            JsonObject end = client.sendLikeThePerlSender("hashed.bin", content, finishedWithHash(type, wrong));

            assertFatal("Hash mismatch: the " + type.wireName() + " of the received file is " + hex(type, content)
                    + ", the client sent " + wrong, end);
            assertClosedWith(1007, client);
        }
        assertEquals(0, probe().storedFiles(user).size());
    }

    @Test
    void refusesAFileShorterThanAnnouncedInTheOriginalServersWords() throws Exception {
        String user = unique("short");
        try (GalileoClient client = connect(user, "")) {
            client.sendMetadata("short.bin", 1000);
            client.awaitReady();
            client.sendChunk(content(600, 6), 0, 600);
            client.awaitReady();
            client.sendText(GalileoClient.FINISHED);

            assertFatal("Expected: 1000 bytes. Got: 600 bytes.", client.awaitSignal());
            assertClosedWith(1007, client);
        }
        assertEquals(0, probe().storedFiles(user).size());
    }

    @Test
    void refusesAChunkLargerThanTheChunksizeAndLeavesNoSpool() throws Exception {
        String user = unique("oversize");
        List<String> before = probe().spools();
        try (GalileoClient client = connect(user, "")) {
            client.sendMetadata("big.bin", 10 * CHUNK);
            client.awaitReady();
            String spool = probe().newSpool(before);
            client.sendChunk(content(CHUNK + 1, 7), 0, CHUNK + 1);

            assertFatal("Chunk too large: 262145 bytes, the chunksize is 262144 bytes", client.awaitSignal());
            assertClosedWith(1009, client);
            probe().assertSpoolGone(spool);
        }
        assertEquals(0, probe().storedFiles(user).size());
    }

    @Test
    void closesWithoutSignalOnAChunkFarBeyondTheChunksize() throws Exception {
        // More than twice the chunksize is refused by the WebSocket layer before the endpoint sees the message.
        String user = unique("huge-chunk");
        List<String> before = probe().spools();
        try (GalileoClient client = connect(user, "")) {
            client.sendMetadata("big.bin", 10 * CHUNK);
            client.awaitReady();
            String spool = probe().newSpool(before);
            client.sendChunk(content(3 * CHUNK, 8), 0, 3 * CHUNK);

            assertClosedWith(1009, client);
            probe().assertSpoolGone(spool);
        }
        assertEquals(0, probe().storedFiles(user).size());
    }

    @Test
    void refusesATextMessageLongerThanAnySignal() throws Exception {
        // Far longer than the limit, so it arrives in many parts and is refused before it is all read.
        try (GalileoClient client = connect(unique("long-text"), "")) {
            client.sendText("{\"name\":\"" + "x".repeat(2_000_000) + "\",\"size\":1}");

            assertFatal("Signal too long: a TEXT message may have at most 65536 characters", client.awaitSignal());
            assertClosedWith(1009, client);
        }
    }

    @Test
    void acceptsTheTokenAsSubprotocolAsBrowsersSendIt() throws Exception {
        String user = unique("subprotocol");
        byte[] content = content(1000, 13);
        WsClient ws = WsClient.connect(server().ws("ws/galileo"), Map.of(), List.of("bearer", TestServer.token(user)));
        try (GalileoClient client = new GalileoClient(ws)) {
            assertEquals("bearer", ws.session().getNegotiatedSubprotocol());
            JsonObject end = client.sendLikeTheBrowser("from a browser.txt", content, GalileoClient.FINISHED);

            assertEquals(JsonValue.TRUE, end.get("close"), end::toString);
        }
        assertStoredOnce(user, "from a browser.txt", content, null);
    }

    @Test
    void keepsTheUploadAfterANonFatalError() throws Exception {
        String user = unique("non-fatal");
        byte[] content = content(1000, 9);
        try (GalileoClient client = connect(user, "")) {
            client.sendMetadata("kept.bin", content.length);
            client.awaitReady();
            client.sendText("{\"pause\":true}");
            JsonObject error = client.awaitSignal();
            assertEquals("Unknown signal: expected metadata {name, size} or {finished: true}", error.getString("error"));
            assertEquals(JsonValue.FALSE, error.get("fatal"));

            client.sendChunk(content, 0, content.length);
            client.awaitReady();
            client.sendText(GalileoClient.FINISHED);
            assertEquals(JsonValue.TRUE, client.awaitSignal().get("close"));
        }
        assertStoredOnce(user, "kept.bin", content, null);
    }

    @Test
    void storesIntoAProjectForAMember() throws Exception {
        String user = unique("member");
        String project = createProject(user);
        byte[] content = content(300_000, 10);
        try (GalileoClient client = connect(user, "?project=" + project)) {
            JsonObject end = client.sendLikeTheBrowser("site plan.pdf", content, GalileoClient.FINISHED);

            assertEquals(JsonValue.TRUE, end.get("close"), end::toString);
        }
        assertStoredOnce(user, "site plan.pdf", content, project);
    }

    @Test
    void refusesAProjectToANonMemberAsIfItDidNotExist() throws Exception {
        String outsider = unique("outsider");
        String project = createProject(unique("member"));
        for (String target : List.of(project, unique("no-such-project"))) {
            try (GalileoClient client = connect(outsider, "?project=" + target)) {
                assertFatal("Forbidden: the project does not exist or you may not upload to it", client.awaitSignal());
                assertClosedWith(1008, client);
            }
        }
        assertEquals(0, probe().storedFiles(outsider).size());
    }

    @Test
    void refusesAConnectionWithoutToken() throws Exception {
        try (GalileoClient client = new GalileoClient(WsClient.connect(server().ws("ws/galileo")))) {
            assertFatal("Unauthorized: missing token", client.awaitSignal());
            assertClosedWith(1008, client);
        }
    }

    @Test
    void droppedConnectionLeavesNoFileAndNoSpool() throws Exception {
        String user = unique("dropped");
        List<String> before = probe().spools();
        try (RawWebSocket raw = RawWebSocket.connect(server().ws("ws/galileo", TestServer.token(user)))) {
            raw.sendText("{\"name\":\"dropped.bin\",\"size\":1000000}");
            assertTrue(Json.object(raw.awaitText()).getBoolean("ready"));
            byte[] part = content(100_000, 11);
            raw.sendBinary(part, 0, part.length);
            assertTrue(Json.object(raw.awaitText()).getBoolean("ready"), "the chunk is received");
            String spool = probe().newSpool(before);

            raw.abort();

            probe().assertSpoolGone(spool);
        }
        assertEquals(0, probe().storedFiles(user).size());
    }

    @Test
    void closingMidUploadLeavesNoFileAndNoSpool() throws Exception {
        String user = unique("closed");
        List<String> before = probe().spools();
        String spool;
        try (GalileoClient client = connect(user, "")) {
            client.sendMetadata("closed.bin", 1_000_000);
            client.awaitReady();
            client.sendChunk(content(100_000, 12), 0, 100_000);
            client.awaitReady();
            spool = probe().newSpool(before);
        }
        probe().assertSpoolGone(spool);
        assertEquals(0, probe().storedFiles(user).size());
    }
}
