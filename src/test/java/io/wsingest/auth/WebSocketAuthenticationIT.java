package io.wsingest.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.websocket.CloseReason;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.events.EventProbeEndpoint;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;

/** Every token location works on a real handshake, and bad tokens are refused with the endpoint's close code. */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebSocketAuthenticationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application().addClass(EventProbeEndpoint.class);
    }

    @ArquillianResource
    URL url;

    private TestServer server() {
        return new TestServer(url);
    }

    @Test
    void acceptsTokenInQuery() throws Exception {
        try (WsClient client = WsClient.connect(server().ws("test/events", TestServer.token("dora")))) {
            assertEquals("hello dora", client.awaitText());
        }
    }

    @Test
    void acceptsTokenInAuthorizationHeader() throws Exception {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + TestServer.token("erin"));
        try (WsClient client = WsClient.connect(server().ws("test/events"), headers, List.of())) {
            assertEquals("hello erin", client.awaitText());
        }
    }

    @Test
    void acceptsTokenAsSubprotocolAndEchoesBearer() throws Exception {
        List<String> offered = List.of("bearer", TestServer.token("fred"));
        try (WsClient client = WsClient.connect(server().ws("test/events"), Map.of(), offered)) {
            assertEquals("hello fred", client.awaitText());
            assertEquals("bearer", client.session().getNegotiatedSubprotocol());
        }
    }

    @Test
    void closesWithoutToken() throws Exception {
        try (WsClient client = WsClient.connect(server().ws("test/events"))) {
            CloseReason reason = client.awaitClose();
            assertEquals(4401, reason.getCloseCode().getCode());
            assertEquals("missing token", reason.getReasonPhrase());
        }
    }

    @Test
    void closesOnExpiredToken() throws Exception {
        String expired = TestTokens.hs256(TestServer.secret(), "gina", false, Instant.now().minusSeconds(3600));
        try (WsClient client = WsClient.connect(server().ws("test/events", expired))) {
            CloseReason reason = client.awaitClose();
            assertEquals(4401, reason.getCloseCode().getCode());
            assertEquals("token expired", reason.getReasonPhrase());
        }
    }

    @Test
    void closesOnTokenSignedWithAnotherSecret() throws Exception {
        String forged = TestTokens.hs256("another-secret-that-is-long-enough-for-hs256!", "hank", true,
                Instant.now().plusSeconds(600));
        try (WsClient client = WsClient.connect(server().ws("test/events", forged))) {
            CloseReason reason = client.awaitClose();
            assertEquals(4401, reason.getCloseCode().getCode());
            assertEquals("invalid signature", reason.getReasonPhrase());
        }
    }
}
