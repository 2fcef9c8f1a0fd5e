package io.wsingest.streamreq;

/**
 * The {@code status} header of every response packet: {@code 0} is success, every other code names one cause. The
 * codes are part of the wire format (see {@code docs/protocol-c-stream-requests.md}); never renumber them.
 */
public enum Status {

    /** The request succeeded (a stream was accepted, or stored). */
    OK(0),
    /** The text message is not a packet: not JSON, not an object, headers not strings, no {@code route}. */
    BAD_PACKET(1),
    /** No route of that name. */
    UNKNOWN_ROUTE(2),
    /**
     * The connection has no valid token, or the token it opened with expired while no stream was in progress; sent
     * once, then the connection is closed with 1008.
     */
    UNAUTHORIZED(3),
    /** The stream was refused ({@code x-stream: -1}): route takes no streams, bad header, total over the limit. */
    STREAM_REFUSED(4),
    /** The user's quota or the server's disk cannot hold the stream ({@code x-stream: n:buffer} or {@code -1}). */
    STORAGE_EXHAUSTED(5),
    /** The complete data is not what {@code data-format} announced (not UTF-8 text, not JSON); it was discarded. */
    FORMAT_CHECK_FAILED(6),
    /** The {@code x-stream-key} names no stream of this user on this route, or the stream expired. */
    UNKNOWN_STREAM_KEY(7),
    /** Binary data broke the stream's terms: larger than the buffer, beyond the total, or with no stream open. */
    STREAM_DATA_ERROR(8),
    /** The server failed; the server log has the details. */
    INTERNAL_ERROR(9),
    /** The user holds the most connections allowed; sent once, then the connection is closed with 1008. */
    TOO_MANY_CONNECTIONS(10),
    /**
     * The application stops (undeploy, redeploy, server shutdown); sent once, then the connection is closed with 1001.
     * A stream in progress was made durable first: the packet carries its key and the offset it resumes from.
     */
    SHUTTING_DOWN(11);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The header value: the code in decimal. */
    public String wire() {
        return Integer.toString(code);
    }
}
