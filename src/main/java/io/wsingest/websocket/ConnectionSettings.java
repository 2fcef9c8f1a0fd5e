package io.wsingest.websocket;

import java.time.Duration;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.Settings;

/**
 * How long-lived WebSocket connections of protocols A to D are bounded ({@code wsingest.websocket.*}).
 *
 * @param maxPerUser  the most connections one user may hold open on each of the protocols A, B, C and D; 0: no
 *                    limit ({@code wsingest.websocket.max-connections-per-user})
 * @param expiryGrace how long a connection outlives the expiry of the token it opened with, so that a client can
 *                    reconnect with a fresh token before it is cut ({@code wsingest.websocket.expiry-grace-seconds})
 */
public record ConnectionSettings(int maxPerUser, Duration expiryGrace) implements Settings {

    static final String MAX_PER_USER = "wsingest.websocket.max-connections-per-user";
    static final String EXPIRY_GRACE_SECONDS = "wsingest.websocket.expiry-grace-seconds";

    public ConnectionSettings {
        if (maxPerUser < 0) {
            throw new IllegalArgumentException("maxPerUser must not be negative: " + maxPerUser);
        }
        if (expiryGrace.isNegative()) {
            throw new IllegalArgumentException("expiryGrace must not be negative: " + expiryGrace);
        }
    }

    public static ConnectionSettings from(ConfigReader r) {
        return new ConnectionSettings(
                r.intInRange(MAX_PER_USER, 32, 0, 100_000),
                r.seconds(EXPIRY_GRACE_SECONDS, 60, 0, 24 * 3600));
    }
}
