package io.wsingest.websocket;

import java.time.Duration;
import java.time.Instant;

/**
 * When the clock ends a connection: its token expired and the grace passed, or nothing arrived for the idle timeout.
 * Plain Java and thread-safe: the container's threads report activity, the sweep asks what is due.
 */
public final class ConnectionDeadlines {

    /** What the clock says about a connection. */
    public enum Due {
        /** Nothing: the connection may stay. */
        NONE,
        /** The token it opened with expired, grace included. */
        TOKEN_EXPIRED,
        /** Nothing arrived from the client for the idle timeout. */
        IDLE
    }

    private final Instant tokenEnd;
    private final Duration idleTimeout;
    private volatile Instant lastHeard;

    /**
     * @param tokenExpiry the {@code exp} of the token the connection opened with
     * @param grace       how long the connection outlives it
     * @param idleTimeout how long the client may send nothing; zero when the protocol watches idleness itself
     * @param now         the connection opens
     */
    public ConnectionDeadlines(Instant tokenExpiry, Duration grace, Duration idleTimeout, Instant now) {
        if (grace.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("grace and idleTimeout must not be negative");
        }
        this.tokenEnd = tokenExpiry.plus(grace);
        this.idleTimeout = idleTimeout;
        this.lastHeard = now;
    }

    /** Something arrived from the client. */
    public void heard(Instant now) {
        lastHeard = now;
    }

    /** What is due at {@code now}; an expired token comes first, as the more telling reason. */
    public Due due(Instant now) {
        if (!now.isBefore(tokenEnd)) {
            return Due.TOKEN_EXPIRED;
        }
        if (!idleTimeout.isZero() && !now.isBefore(lastHeard.plus(idleTimeout))) {
            return Due.IDLE;
        }
        return Due.NONE;
    }

    /** When the token's expiry ends the connection, grace included. */
    public Instant tokenEnd() {
        return tokenEnd;
    }
}
