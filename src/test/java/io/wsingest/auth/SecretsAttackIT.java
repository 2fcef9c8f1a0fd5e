package io.wsingest.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.galileo.GalileoClient;
import io.wsingest.live.LiveClients;
import io.wsingest.streamreq.StreamTestClient;
import io.wsingest.testing.Bystander;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.Json;
import io.wsingest.testing.ServerLog;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;
import io.wsingest.testing.Unique;
import io.wsingest.upload.UploadClient;
import io.wsingest.upload.UploadFixtures;

/**
 * What an attacker can get into the server's log or out of it: tokens sent in the query never reach
 * {@code server.log}, whether the handshake is refused or accepted, on every protocol; a project id, channel name or
 * file name with line breaks, an escape sequence and a bidi override cannot forge a log line; and a token whose
 * {@code sub} is longer than the database keeps is refused at the handshake of A–D with each protocol's unauthorised
 * close. A bystander is served meanwhile.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class SecretsAttackIT {

    /** Another server's secret: its tokens are well formed and refused here. */
    private static final String FOREIGN_SECRET = "a-secret-of-some-other-server-0123456789";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL url;

    private TestServer server() {
        return new TestServer(url);
    }

    private static String user(String name) {
        return Unique.name(name + "-");
    }

    /** The part of a token that is its proof: a log holding it could replay the token. */
    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    @Test
    void aTokenInTheQueryNeverReachesTheLogWhetherTheHandshakeIsRefusedOrAccepted() throws Exception {
        TestServer server = server();
        String user = user("tok");
        String valid = TestServer.token(user);
        String refused = TestTokens.hs256(FOREIGN_SECRET, user, false, Instant.now().plusSeconds(600));
        String project = UploadFixtures.project(server, user);
        ServerLog log = ServerLog.mark();

        for (String token : List.of(refused, valid)) {
            boolean accepted = token.equals(valid);
            // A: the state info is the accepted handshake; a refusal is 1008 Unauthorized.
            try (WsClient a = WsClient.connect(server.ws("ws/Upload?id=" + project, token))) {
                if (accepted) {
                    assertTrue(Json.object(a.awaitText()).containsKey("IsInitialized"));
                } else {
                    assertEquals(1008, a.awaitClose().getCloseCode().getCode());
                }
            }
            try (GalileoClient b = new GalileoClient(WsClient.connect(server.ws("ws/galileo", token)))) {
                if (accepted) {
                    b.sendMetadata("secret.bin", 1);
                    b.awaitReady();
                } else {
                    assertEquals(1008, b.awaitClose().getCloseCode().getCode());
                }
            }
            try (StreamTestClient c = StreamTestClient.connect(server.ws("ws/stream", token))) {
                if (accepted) {
                    StreamTestClient.assertStatus("0", c.request(Map.of("route", "/files")));
                } else {
                    StreamTestClient.assertStatus("3", c.next());
                }
            }
            try (WsClient d = WsClient.connect(server.ws("ws/core/upload/", token))) {
                if (accepted) {
                    d.sendText("{\"type\":\"subscribe\"}");
                    assertEquals("subscribed", Json.object(d.awaitText()).getString("type"));
                } else {
                    assertEquals(4401, d.awaitClose().getCloseCode().getCode());
                }
            }
            // E takes no token, but a client may send one anyway: it must not be logged either.
            String channel = LiveClients.channel("tok");
            try (WsClient e = WsClient.connect(server.ws(channel + "/k/publish", token))) {
                e.sendBinary(LiveClients.chunk("x"));
            }
            // The other two places a token travels.
            try (WsClient header = WsClient.connect(server.ws("ws/core/upload/"),
                    Map.of("Authorization", "Bearer " + token), List.of());
                 WsClient subprotocol = WsClient.connect(server.ws("ws/galileo"), Map.of(), List.of("bearer", token))) {
                if (!accepted) {
                    assertEquals(4401, header.awaitClose().getCloseCode().getCode());
                    assertEquals(1008, subprotocol.awaitClose().getCloseCode().getCode());
                }
            }
        }
        new Bystander(server).assertUnharmed();

        List<String> lines = log.newLines();
        assertTrue(lines.stream().anyMatch(line -> line.contains(user)), "the handshakes were logged: " + lines);
        for (String token : List.of(refused, valid)) {
            List<String> leaks = lines.stream().filter(line -> line.contains(signature(token))).toList();
            assertTrue(leaks.isEmpty(), () -> leaks.size() + " log lines hold a token, the first: " + leaks.get(0));
        }
    }

    @Test
    void clientTextWithLineBreaksAndAnEscapeSequenceCannotForgeALogLine() throws Exception {
        TestServer server = server();
        String user = user("crlf");
        String project = UploadFixtures.project(server, user);
        String forged = "2026-12-05 12:00:00,000 SEVERE [io.wsingest.auth] admin token leaked";
        String hostile = "\r\n" + forged + "\u001b[2J\u202etxt.exe";
        ServerLog log = ServerLog.mark();

        // A project id is logged as the client sent it when the connection is refused.
        try (WsClient a = WsClient.connect(server.ws("ws/Upload?id="
                + URLEncoder.encode("p" + hostile, StandardCharsets.UTF_8), TestServer.token(user)))) {
            assertEquals(1001, a.awaitClose().getCloseCode().getCode());
        }
        // A channel name with them never reaches E: the container refuses the handshake of such a path.
        assertThrows(DeploymentException.class, () -> WsClient.connect(server.ws(
                URLEncoder.encode("ch" + hostile, StandardCharsets.UTF_8).replace("+", "%20") + "/k/publish")));
        // File names are stored and logged as display names (control characters dropped) by A and B.
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        try (UploadClient a = UploadClient.connect(server, user, "id=" + project + "&saveMedia=true")) {
            a.uploadAll("report.pdf" + hostile, data);
            a.awaitCompletion(data.length);
        }
        try (GalileoClient b = new GalileoClient(WsClient.connect(server.ws("ws/galileo", TestServer.token(user))))) {
            JsonObject end = b.sendLikeTheBrowser("report.pdf" + hostile, data, GalileoClient.FINISHED);
            assertTrue(end.containsKey("close"), end::toString);
        }
        new Bystander(server).assertUnharmed();

        List<String> lines = log.newLines();
        assertFalse(lines.stream().anyMatch(line -> line.startsWith(forged)), "a log line was forged: " + lines);
        assertFalse(lines.stream().anyMatch(line -> line.contains("\u001b") || line.contains("\u202e")),
                "a raw escape or bidi control reached the log");
        assertTrue(lines.stream().anyMatch(line -> line.contains("to project p\\r\\n" + forged
                        + "\\u001b[2J\\u202etxt.exe refused")),
                () -> "protocol A logs the refused project id escaped: " + lines);
    }

    @Test
    void aSubjectLongerThanTheDatabaseKeepsIsRefusedAtTheHandshakeOfEveryProtocol() throws Exception {
        TestServer server = server();
        String token = TestServer.token("u".repeat(10_000));
        Map<String, String> header = Map.of("Authorization", "Bearer " + token);

        try (WsClient a = WsClient.connect(server.ws("ws/Upload?id=anything"), header, List.of())) {
            assertClose(1008, "Unauthorized: user id too long", a.awaitClose());
        }
        try (GalileoClient b = new GalileoClient(WsClient.connect(server.ws("ws/galileo"), header, List.of()))) {
            JsonObject error = b.awaitSignal();
            assertEquals("Unauthorized: user id too long", error.getString("error"), error::toString);
            assertClose(1008, "Unauthorized: user id too long", b.awaitClose());
        }
        try (WsClient c = WsClient.connect(server.ws("ws/stream"), header, List.of())) {
            JsonObject packet = Json.object(c.awaitText());
            StreamTestClient.assertStatus("3", packet);
            assertClose(1008, "user id too long", c.awaitClose());
        }
        new Bystander(server).assertUnharmed();
        try (WsClient d = WsClient.connect(server.ws("ws/core/upload/"), header, List.of())) {
            assertClose(4401, "user id too long", d.awaitClose());
        }
        assertEquals(401, server.get("api/projects", token).statusCode(), "and the HTTP API");
    }

    private static void assertClose(int code, String reason, CloseReason close) {
        assertEquals(code, close.getCloseCode().getCode(), close::toString);
        assertEquals(reason, close.getReasonPhrase(), close::toString);
    }
}
