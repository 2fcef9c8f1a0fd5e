package io.wsingest.websocket;

import java.util.Optional;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The client's IP address for WebSocket endpoints, which the WebSocket API does not expose. The servlet container
 * reports every request to this listener, which keeps the request's remote address for the request's thread; the
 * WebSocket handshake runs on that same thread (in Undertow, and in Tyrus on Payara), so an endpoint's configurator
 * calls {@link #remember(ServerEndpointConfig)} in {@code modifyHandshake}, and the endpoint reads the address with
 * {@link #of(Session)}.
 *
 * <p>The address is what the servlet request reports: behind a reverse proxy, turn on the HTTP listener's
 * {@code proxy-address-forwarding} so that it is the client's and not the proxy's.
 */
@WebListener
public class ClientAddress implements ServletRequestListener {

    /** The key of the address in a session's user properties. */
    public static final String USER_PROPERTY = ClientAddress.class.getName();

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        CURRENT.set(event.getServletRequest().getRemoteAddr());
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        CURRENT.remove();
    }

    /** The remote address of the request this thread is serving, if it is serving one. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Stores the current request's address in the handshake's user properties, which become the session's. */
    public static void remember(ServerEndpointConfig config) {
        String address = CURRENT.get();
        if (address != null) {
            config.getUserProperties().put(USER_PROPERTY, address);
        } else {
            config.getUserProperties().remove(USER_PROPERTY);
        }
    }

    /** The client's address as remembered at the handshake; empty when the container did not report it. */
    public static Optional<String> of(Session session) {
        return session.getUserProperties().get(USER_PROPERTY) instanceof String address
                ? Optional.of(address)
                : Optional.empty();
    }
}
