package io.wsingest.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import io.wsingest.auth.Authentication.Authenticated;
import io.wsingest.auth.Authentication.Rejected;

class WebSocketAuthenticatorTest {

    private static final String SECRET = "websocket-authenticator-test-secret-0123";
    private static final Instant EXPIRY = Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
    private static final String VALID = TestTokens.hs256(SECRET, "alice", true, EXPIRY);

    private final WebSocketAuthenticator authenticator =
            new WebSocketAuthenticator(() -> new TokenVerifier(Configs.jwt(Map.of(JwtSettings.SECRET, SECRET))));

    @Test
    void storesIdentityOfValidTokenFromAuthorizationHeaderInAnyCase() {
        Authentication outcome = handshake(Map.of(), Map.of("authorization", List.of("Bearer " + VALID)));

        assertEquals(new Authenticated(new Identity("alice", true, EXPIRY)), outcome);
    }

    @Test
    void anOutcomeHasEitherAnIdentityOrARejection() {
        Identity alice = new Identity("alice", false, EXPIRY);
        Authentication authenticated = new Authenticated(alice);
        assertEquals(alice, authenticated.identity());
        assertNull(authenticated.rejection());

        Authentication rejected = new Rejected("token expired");
        assertNull(rejected.identity());
        assertEquals("token expired", rejected.rejection());
    }

    @Test
    void storesIdentityOfValidTokenFromQueryParameter() {
        Authentication outcome = handshake(Map.of("token", List.of(VALID)), Map.of());

        assertEquals(new Authenticated(new Identity("alice", true, EXPIRY)), outcome);
    }

    @Test
    void mergesHeaderLinesWhoseNamesDifferOnlyInCase() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("sec-websocket-protocol", List.of("bearer"));
        headers.put("Sec-WebSocket-Protocol", List.of(VALID));

        assertEquals(new Authenticated(new Identity("alice", true, EXPIRY)), handshake(Map.of(), headers));
    }

    @Test
    void storesReasonOfInvalidToken() {
        String expired = TestTokens.hs256(SECRET, "alice", false, Instant.now().minusSeconds(600));

        assertEquals(new Rejected("token expired"), handshake(Map.of("token", List.of(expired)), Map.of()));
    }

    @Test
    void storesMissingTokenWhenThereIsNone() {
        assertEquals(Rejected.MISSING_TOKEN, handshake(Map.of(), Map.of()));
    }

    @Test
    void sessionWithoutStoredOutcomeCountsAsMissingToken() {
        assertEquals(Rejected.MISSING_TOKEN, Authentication.of(session(Map.of())));
    }

    @Test
    void negotiatesBearerSubprotocolWhenClientOffersIt() {
        assertEquals("bearer", authenticator.getNegotiatedSubprotocol(List.of("bearer"), List.of("bearer", VALID)));
    }

    @Test
    void negotiatesNoSubprotocolWhenClientDoesNotOfferBearer() {
        assertEquals("", authenticator.getNegotiatedSubprotocol(List.of("bearer"), List.of("chat")));
        assertEquals("", authenticator.getNegotiatedSubprotocol(List.of("bearer"), List.of()));
    }

    /** Runs the handshake hook and reads the outcome back the way an endpoint does. */
    private Authentication handshake(Map<String, List<String>> query, Map<String, List<String>> headers) {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Object.class, "/ws/test").build();
        authenticator.modifyHandshake(config, new Request(query, headers), null);
        return Authentication.of(session(config.getUserProperties()));
    }

    private static Session session(Map<String, Object> userProperties) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getUserProperties")) {
                        return userProperties;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private record Request(Map<String, List<String>> getParameterMap, Map<String, List<String>> getHeaders)
            implements HandshakeRequest {

        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public URI getRequestURI() {
            return URI.create("/ws/test");
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public Object getHttpSession() {
            return null;
        }

        @Override
        public String getQueryString() {
            return null;
        }
    }
}
