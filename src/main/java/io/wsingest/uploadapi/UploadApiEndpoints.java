package io.wsingest.uploadapi;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import io.wsingest.auth.BearerToken;
import io.wsingest.auth.WebSocketAuthenticator;

/**
 * Registers {@link UploadApiEndpoint} at the protocol's paths, with and without the trailing slash, because clients
 * write both and the server matches paths exactly. For {@code /ws/core/upload/} that takes two registrations. A path
 * template is different: Undertow's {@code /ws/core/upload/{id}} already matches {@code /ws/core/upload/<id>/} too,
 * and it refuses a second template that differs only in the slash as the same mapping. Annotated endpoints of the
 * application are deployed as found.
 */
public class UploadApiEndpoints implements ServerApplicationConfig {

    /** Every path registered; the integration tests connect to each form. */
    static final List<String> PATHS = List.of("/ws/core/upload/", "/ws/core/upload", "/ws/core/upload/{id}");

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return PATHS.stream()
                .map(path -> ServerEndpointConfig.Builder.create(UploadApiEndpoint.class, path)
                        .configurator(new WebSocketAuthenticator())
                        .subprotocols(List.of(BearerToken.SUBPROTOCOL))
                        .build())
                .collect(Collectors.toSet());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned;
    }
}
