package io.wsingest.live;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;
import io.wsingest.config.Settings;

/**
 * Live streaming across the nodes of a cluster (origin/edge). On when {@code wsingest.cluster.node-url} is set: this
 * node then writes its streams into the cluster's channel directory and pulls other nodes' streams for its receivers.
 *
 * @param nodeUrl  where the other nodes reach this node's WebSocket endpoints ({@code ws://10.0.0.1:8080}); empty:
 *                 live channels stay on their node, as on a single server
 * @param password the cluster's shared secret ({@code wsingest.cluster.password}, the brokers' too): a node pulls
 *                 a stream only with a token made from it
 */
public record EdgeSettings(Optional<URI> nodeUrl, Optional<String> password) implements Settings {

    public static final String NODE_URL = "wsingest.cluster.node-url";
    public static final String PASSWORD = "wsingest.cluster.password";

    public EdgeSettings {
        Objects.requireNonNull(nodeUrl, "nodeUrl");
        Objects.requireNonNull(password, "password");
        if (nodeUrl.isPresent() && password.isEmpty()) {
            throw new InvalidSettingException(PASSWORD, "", "must be set when " + NODE_URL + " is set");
        }
    }

    public static EdgeSettings from(ConfigReader r) {
        return new EdgeSettings(nodeUrl(r), r.optionalString(PASSWORD));
    }

    /** Whether this node takes part in the cluster's live streaming. */
    public boolean enabled() {
        return nodeUrl.isPresent();
    }

    private static Optional<URI> nodeUrl(ConfigReader r) {
        Optional<String> raw = r.optionalString(NODE_URL);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String expectation = "must be a ws:// or wss:// URL with a host and no path, such as ws://10.0.0.1:8080";
        try {
            URI uri = new URI(raw.get());
            String scheme = uri.getScheme();
            boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (uri.getHost() == null || !noPath || uri.getRawQuery() != null
                    || !("ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme))) {
                throw new InvalidSettingException(NODE_URL, raw.get(), expectation);
            }
            return Optional.of(URI.create(scheme.toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority()));
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(NODE_URL, raw.get(), expectation);
        }
    }

    /** For the log: never the password. */
    @Override
    public String toString() {
        return nodeUrl.map(u -> "live streaming across nodes, this node at " + u)
                .orElse("live channels stay on their node");
    }
}
