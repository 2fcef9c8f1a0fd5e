package io.wsingest.streamreq;

import io.wsingest.websocket.ProtocolClose;

/**
 * Why the server closes a Stream Requests connection. Only these end a connection: a refused request is a response
 * packet with a non-zero {@link Status}.
 */
enum StreamClose implements ProtocolClose {
    /** No valid token, or the token expired; the reason says why ("missing token", "token expired"). */
    UNAUTHORIZED(1008, null),
    /** The user already holds {@code wsingest.websocket.max-connections-per-user} connections. */
    TOO_MANY_CONNECTIONS(1008, "too many connections"),
    /** Nothing arrived for {@code wsingest.stream.idle-timeout-seconds}. */
    IDLE_TIMEOUT(1008, "idle timeout"),
    /** Replies piled up beyond what one connection may queue: the client does not read them. */
    REPLIES_NOT_READ(1008, "replies not read"),
    /** An unexpected failure of the connection. */
    INTERNAL_ERROR(1011, "internal error"),
    /** The application stops; a {@link Status#SHUTTING_DOWN} packet goes first. */
    SHUTTING_DOWN(1001, "Server shutting down");

    private final int code;
    private final String reason;

    StreamClose(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    @Override
    public int code() {
        return code;
    }

    /** Null where the close says its reason when it happens. */
    @Override
    public String reason() {
        return reason;
    }
}
