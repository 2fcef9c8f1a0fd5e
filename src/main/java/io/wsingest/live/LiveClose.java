package io.wsingest.live;

import io.wsingest.websocket.ProtocolClose;

/**
 * Every way the server ends a live connection: the protocol's errors (a TEXT message {@code ERROR: <reason>}, then
 * the close) and the normal ends (a close only). The close frame carries the same reason.
 */
public enum LiveClose implements ProtocolClose {
    /** The channel name is empty, too long, or has characters other than {@code a-z 0-9 - _}. */
    INVALID_CHANNEL(true, 1008, "Invalid channel"),
    /** The key is empty, too long, or has characters other than {@code a-z 0-9 - _}. */
    INVALID_KEY(true, 1008, "Invalid key"),
    /** The last segment is not {@code publish}, {@code receive}, {@code receive-clear-cache} or {@code probe}. */
    INVALID_KIND(true, 1008, "Invalid connection kind"),
    /** The client's address already has the most connections allowed. */
    TOO_MANY_CONNECTIONS(true, 1008, "Too many connections"),
    /** A receive or probe from an address outside the receive whitelist. */
    NOT_ALLOWED_TO_RECEIVE(true, 1008, "Not allowed to receive"),
    /** A connection that would make one channel more than {@code wsingest.live.max-channels}; try again later. */
    TOO_MANY_CHANNELS(true, 1013, "Too many channels"),
    /** A publisher on a channel whose name starts with {@code project-}: those are protocol A's. */
    RESERVED_CHANNEL(true, 1008, "Channel is reserved"),
    /** A second publisher on a channel. */
    CHANNEL_BUSY(true, 1008, "Channel is already being published"),
    /** A pull from another node without the cluster's token for the stream (an internal endpoint). */
    NOT_A_CLUSTER_NODE(true, 1008, "Not a cluster node"),
    /** The key is not the stream's (open, callback) or the stored one (static), or the coordinator refused. */
    INVALID_STREAMING_KEY(true, 1008, "Invalid streaming key"),
    /** The receiver fell further behind the live stream than its queue allows. */
    RECEIVER_TOO_SLOW(true, 1008, "Receiver too slow"),
    /** A publisher's binary message is larger than {@code wsingest.live.max-chunk-bytes}. */
    CHUNK_TOO_LARGE(true, 1009, "Chunk too large"),
    /**
     * A publisher's message arrives in parts while the budget of live data is held by other unfinished messages;
     * try again later.
     */
    SERVER_BUSY(true, 1013, "Server busy"),
    /** Nothing (not even a heartbeat) came from the client for the idle timeout. */
    IDLE_TIMEOUT(true, 1008, "Idle timeout"),
    /** The server could not check the key (the database failed) or hit a bug; the log says which. */
    INTERNAL_ERROR(true, 1011, "Internal error"),
    /** The publisher ended the stream; every receiver is closed after its queued chunks. */
    STREAM_ENDED(false, 1000, "Stream ended"),
    /** A probe got its one chunk. */
    PROBE_COMPLETE(false, 1000, "Probe complete"),
    /** The application is being stopped or redeployed. */
    SHUTDOWN(false, 1001, "Server shutting down");

    /** What every error message starts with. */
    public static final String ERROR_PREFIX = "ERROR: ";

    private final boolean error;
    private final int code;
    private final String reason;

    LiveClose(boolean error, int code, String reason) {
        this.error = error;
        this.code = code;
        this.reason = reason;
    }

    /** Whether an {@code ERROR:} text message goes before the close. */
    public boolean isError() {
        return error;
    }

    /** The WebSocket close code. */
    @Override
    public int code() {
        return code;
    }

    /** The close frame's reason, and the text after {@code ERROR: }. */
    @Override
    public String reason() {
        return reason;
    }

    /** The TEXT message sent before the close of an error: {@code ERROR: <reason>}. */
    public String errorMessage() {
        return ERROR_PREFIX + reason;
    }
}
