package io.wsingest.streamreq;

/** The packets of stream negotiation and completion, as the protocol document shows them. */
public final class StreamReplies {

    private StreamReplies() {
    }

    /**
     * The stream is accepted, whole or its first bytes ({@link XStream#accepted}): send binary messages of at most
     * the buffer, keep the key to resume.
     */
    public static Packet accepted(String key, StreamTransfer transfer, DataFormat format) {
        return Packet.response(Status.OK)
                .with(Headers.X_STREAM, XStream.accepted(transfer))
                .with(Headers.X_STREAM_KEY, key)
                .with(Headers.DATA_FORMAT, format.wire());
    }

    /** A resumed stream is accepted: continue with the byte of the stream at the offset it holds. */
    public static Packet resumed(String key, StreamTransfer transfer, DataFormat format) {
        return accepted(key, transfer, format).with(Headers.X_STREAM_OFFSET, Long.toString(transfer.held()));
    }

    /** Refused outright. */
    public static Packet refused(Status status, String reason, DataFormat format) {
        return Packet.error(status, reason)
                .with(Headers.X_STREAM, XStream.REFUSED)
                .with(Headers.DATA_FORMAT, format.wire());
    }

    /** The final packet of a stream that arrived whole and was stored; the payload describes the stored file. */
    public static Packet stored(String key, String fileJson) {
        return Packet.response(Status.OK)
                .with(Headers.X_STREAM_KEY, key)
                .with(Headers.X_STREAM, XStream.missing(0))
                .withPayload(fileJson);
    }

    /**
     * The server shuts down. With a stream in progress (its key not null) the packet names the stream and the offset
     * it resumes from; without one it only says why the connection ends.
     */
    public static Packet shuttingDown(String key, long durable) {
        Packet packet = Packet.error(Status.SHUTTING_DOWN, "the server is shutting down; reconnect"
                + (key == null ? "" : " and resume the stream"));
        return key == null ? packet
                : packet.with(Headers.X_STREAM_KEY, key).with(Headers.X_STREAM_OFFSET, Long.toString(durable));
    }

    /**
     * The final packet of a paused stream: the server holds its first {@code offset} bytes, durable, and
     * {@code missing} bytes have not arrived; the stream resumes from {@code offset} by its key.
     */
    public static Packet paused(String key, Status status, String reason, long missing, long offset) {
        return failed(key, status, reason, missing).with(Headers.X_STREAM_OFFSET, Long.toString(offset));
    }

    /** The final packet of an abandoned stream: its data was deleted, {@code missing} bytes never arrived. */
    public static Packet abandoned(String key, long missing) {
        return Packet.response(Status.OK)
                .with(Headers.X_STREAM_KEY, key)
                .with(Headers.X_STREAM, XStream.missing(missing));
    }

    /** The answer to a file sent inline in the request's payload: stored, the payload describes it. */
    public static Packet storedInline(String fileJson) {
        return Packet.response(Status.OK).withPayload(fileJson);
    }

    /** The final packet of a failed stream: its data was discarded, {@code missing} bytes never arrived. */
    public static Packet failed(String key, Status status, String reason, long missing) {
        return Packet.error(status, reason)
                .with(Headers.X_STREAM_KEY, key)
                .with(Headers.X_STREAM, XStream.missing(missing));
    }
}
