package io.wsingest.upload;

import java.util.Objects;

/**
 * How a connection ends: a WebSocket close code and its reason text, as they go on the wire (the reason is cut to the
 * 123 bytes a close frame holds when sent).
 */
public record Disconnect(int code, String reason) {

    /** The normal end of an upload: the file is stored. */
    public static final Disconnect COMPLETED = new Disconnect(1000, "Upload completed");

    public Disconnect {
        Objects.requireNonNull(reason, "reason");
    }
}
