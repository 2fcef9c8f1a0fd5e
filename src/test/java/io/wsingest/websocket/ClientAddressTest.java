package io.wsingest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress listener = new ClientAddress();

    private static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answers.get(method.getName())));
    }

    private static ServletRequestEvent request(String remoteAddress) {
        return new ServletRequestEvent(fake(ServletContext.class, Map.of()),
                fake(ServletRequest.class, Map.of("getRemoteAddr", remoteAddress)));
    }

    @Test
    void handshakeOnTheRequestsThreadRemembersItsAddress() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Object.class, "/x").build();
        ServletRequestEvent event = request("192.0.2.7");
        listener.requestInitialized(event);
        try {
            assertEquals(Optional.of("192.0.2.7"), ClientAddress.current());
            ClientAddress.remember(config);
        } finally {
            listener.requestDestroyed(event);
        }
        assertEquals("192.0.2.7", config.getUserProperties().get(ClientAddress.USER_PROPERTY));
        assertTrue(ClientAddress.current().isEmpty(), "forgotten when the request ends");

        Session session = fake(Session.class, Map.of("getUserProperties", config.getUserProperties()));
        assertEquals(Optional.of("192.0.2.7"), ClientAddress.of(session));
    }

    @Test
    void anotherThreadDoesNotSeeTheAddress() throws Exception {
        ServletRequestEvent event = request("192.0.2.8");
        listener.requestInitialized(event);
        try {
            assertFalse(CompletableFuture.supplyAsync(ClientAddress::current).get().isPresent());
        } finally {
            listener.requestDestroyed(event);
        }
    }

    @Test
    void withoutARequestNothingIsRememberedAndAStaleValueGoes() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Object.class, "/x").build();
        config.getUserProperties().put(ClientAddress.USER_PROPERTY, "198.51.100.1");
        ClientAddress.remember(config);
        assertFalse(config.getUserProperties().containsKey(ClientAddress.USER_PROPERTY));
        Session session = fake(Session.class, Map.of("getUserProperties", config.getUserProperties()));
        assertTrue(ClientAddress.of(session).isEmpty());
    }
}
