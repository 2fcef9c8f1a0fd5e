package io.wsingest.uploadapi;

import io.wsingest.websocket.ProtocolClose;

/**
 * Why the server closes an Upload API socket. Only these end a connection: a refused command is an error reply.
 */
enum UploadApiClose implements ProtocolClose {
    /**
     * No token, or one that is invalid or expired; the reason says which ("missing token", "token expired"). Also
     * when the token a socket opened with expires (after {@code wsingest.websocket.expiry-grace-seconds}).
     */
    UNAUTHENTICATED(4401, null),
    /** {@code /ws/core/upload/{id}/} names an upload that is not the user's, or none at all: the same answer. */
    NOT_YOURS(4403, "upload not found"),
    /** The user already holds {@code wsingest.websocket.max-connections-per-user} sockets. */
    TOO_MANY_CONNECTIONS(4429, "too many connections"),
    /** Nothing arrived for {@code wsingest.uploadapi.idle-timeout-seconds}. */
    IDLE_TIMEOUT(1008, "idle timeout"),
    /** Replies and events piled up beyond {@code wsingest.uploadapi.max-outbound-bytes}. */
    TOO_SLOW(1008, "too many messages waiting: the client reads too slowly"),
    /** An unexpected failure of the connection; the reason is the incident's: {@code internal error (ref 7f3a9c01)}. */
    INTERNAL_ERROR(1011, null),
    /**
     * The application stops (undeploy, redeploy, server shutdown), after the replies and events already queued. The
     * records stay; a client reconnects and catches up with {@code list} or {@code retrieve}.
     */
    SHUTTING_DOWN(1001, "Server shutting down");

    private final int code;
    private final String reason;

    UploadApiClose(int code, String reason) {
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
