package io.wsingest.live;

import java.util.Optional;

/** The last path segment: what a connection does on its channel. */
public enum ConnectionKind {
    /** Sends the stream as binary messages; one per channel. */
    PUBLISH("publish"),
    /** Gets the cached chunks, then the live ones. */
    RECEIVE("receive"),
    /** As {@link #RECEIVE}, then empties the channel's cache and keeps it off until the publisher ends. */
    RECEIVE_CLEAR_CACHE("receive-clear-cache"),
    /** Gets exactly one chunk (the oldest cached one, or the next live one), then the server closes. */
    PROBE("probe");

    private final String wire;

    ConnectionKind(String wire) {
        this.wire = wire;
    }

    /** The spelling in the path. */
    public String wire() {
        return wire;
    }

    public boolean receives() {
        return this != PUBLISH;
    }

    public static Optional<ConnectionKind> fromWire(String text) {
        for (ConnectionKind kind : values()) {
            if (kind.wire.equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
