package io.wsingest.websocket;

import java.util.Objects;

/**
 * How a connection ends: a WebSocket close code and its reason text, as they go on the wire (the reason is cut to the
 * 123 bytes a close frame holds when sent, by {@link CloseReasons}). Plain data, so that state machines return it.
 */
public record Disconnect(int code, String reason) {

    public Disconnect {
        Objects.requireNonNull(reason, "reason");
    }
}
