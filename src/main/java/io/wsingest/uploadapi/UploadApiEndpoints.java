package io.wsingest.uploadapi;

import java.util.List;
import java.util.logging.Logger;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import io.wsingest.auth.BearerToken;
import io.wsingest.auth.WebSocketAuthenticator;

/**
 * Registers {@link UploadApiEndpoint} at the protocol's paths, with and without the trailing slash, because clients
 * write both and the containers differ in how they match them. Tyrus (Payara) matches a path exactly, segment by
 * segment, so each form is a registration of its own. Undertow (WildFly) ignores a trailing slash: its
 * {@code /ws/core/upload/{id}} already serves {@code /ws/core/upload/<id>/}, and it refuses {@code {id}/} as a
 * second mapping of the same template. That refusal is the only one expected, so it is taken as "already served".
 */
@WebListener
public class UploadApiEndpoints implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(UploadApiEndpoints.class.getName());

    /** Every container serves each of these as registered. */
    static final List<String> PATHS = List.of("/ws/core/upload/", "/ws/core/upload", "/ws/core/upload/{id}");

    /** A container that ignores the trailing slash serves this as {@code /ws/core/upload/{id}} already. */
    static final String ONE_UPLOAD_WITH_SLASH = "/ws/core/upload/{id}/";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        try {
            for (String path : PATHS) {
                container.addEndpoint(config(path));
            }
        } catch (DeploymentException e) {
            throw new IllegalStateException("Protocol D's endpoints could not be registered", e);
        }
        try {
            container.addEndpoint(config(ONE_UPLOAD_WITH_SLASH));
        } catch (DeploymentException e) {
            LOG.fine(() -> "The WebSocket container serves " + ONE_UPLOAD_WITH_SLASH + " as /ws/core/upload/{id}: "
                    + e.getMessage());
        }
    }

    private static ServerEndpointConfig config(String path) {
        return ServerEndpointConfig.Builder.create(UploadApiEndpoint.class, path)
                .configurator(new WebSocketAuthenticator())
                .subprotocols(List.of(BearerToken.SUBPROTOCOL))
                .build();
    }
}
