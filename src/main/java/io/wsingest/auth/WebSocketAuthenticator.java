package io.wsingest.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import io.wsingest.logging.LogText;
import io.wsingest.websocket.ClientAddress;

/**
 * Authenticates every WebSocket handshake. Each endpoint declares
 * {@code @ServerEndpoint(value = ..., configurator = WebSocketAuthenticator.class, subprotocols = {"bearer"})} and
 * reads the outcome with {@link Authentication#of(jakarta.websocket.Session)} in {@code @OnOpen}.
 *
 * <p>The handshake itself always succeeds, so the endpoint can close a rejected connection with its protocol's own
 * close code and reason, which a client can read, unlike a refused HTTP upgrade. The outcome goes into the endpoint
 * config's user properties, which are the connection's own on both containers (Undertow copies the config for each
 * handshake, Tyrus wraps it), and so does the client's address ({@link ClientAddress#of(jakarta.websocket.Session)}).
 */
public class WebSocketAuthenticator extends ServerEndpointConfig.Configurator {

    private static final Logger LOG = Logger.getLogger(WebSocketAuthenticator.class.getName());

    private final Supplier<TokenVerifier> verifier;

    /** Used by the container; the verifier is the application's CDI bean (a singleton, so nothing to release). */
    public WebSocketAuthenticator() {
        this(() -> CDI.current().select(TokenVerifier.class).get());
    }

    WebSocketAuthenticator(Supplier<TokenVerifier> verifier) {
        this.verifier = verifier;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(sec, request, response);
        sec.getUserProperties().put(Authentication.USER_PROPERTY, authenticate(request));
        ClientAddress.remember(sec);
    }

    /** Echoes {@code bearer} when offered: a browser fails the connection unless the server picks one it offered. */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return requested.contains(BearerToken.SUBPROTOCOL) ? BearerToken.SUBPROTOCOL : "";
    }

    private Authentication authenticate(HandshakeRequest request) {
        Optional<String> token = BearerToken.find(
                Objects.requireNonNullElse(request.getParameterMap(), Map.of()), headers(request)::get);
        if (token.isEmpty()) {
            return Authentication.Rejected.MISSING_TOKEN;
        }
        try {
            return new Authentication.Authenticated(verifier.get().verify(token.get()));
        } catch (InvalidTokenException e) {
            LOG.fine(() -> "WebSocket handshake to " + LogText.uri(request.getRequestURI()) + " rejected: "
                    + e.reason());
            return new Authentication.Rejected(e.reason());
        }
    }

    /** Header names are case-insensitive; lines whose names differ only in case are one header. */
    private static Map<String, List<String>> headers(HandshakeRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNullElse(request.getHeaders(), Map.<String, List<String>>of()).forEach((name, values) ->
                headers.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        return headers;
    }
}
