package io.wsingest.streamreq;

/** The packets of stream negotiation and completion, as the protocol document shows them. */
public final class StreamReplies {

    private StreamReplies() {
    }

    /** The stream is accepted: send binary messages of at most {@code buffer} bytes, keep the key to resume. */
    public static Packet accepted(String key, int buffer, DataFormat format) {
        return Packet.response(Status.OK)
                .with(Headers.X_STREAM, XStream.accepted(buffer))
                .with(Headers.X_STREAM_KEY, key)
                .with(Headers.DATA_FORMAT, format.wire());
    }

    /** A resumed stream is accepted: continue with byte {@code offset} of the data. */
    public static Packet resumed(String key, int buffer, DataFormat format, long offset) {
        return accepted(key, buffer, format).with(Headers.X_STREAM_OFFSET, Long.toString(offset));
    }

    /** Refused for lack of room, but the server could hold {@code capacity} bytes in all. */
    public static Packet capacity(long capacity, int buffer, DataFormat format, String reason) {
        return Packet.error(Status.STORAGE_EXHAUSTED, reason)
                .with(Headers.X_STREAM, XStream.capacity(capacity, buffer))
                .with(Headers.DATA_FORMAT, format.wire());
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

    /** The final packet of a failed stream: its data was discarded, {@code missing} bytes never arrived. */
    public static Packet failed(String key, Status status, String reason, long missing) {
        return Packet.error(status, reason)
                .with(Headers.X_STREAM_KEY, key)
                .with(Headers.X_STREAM, XStream.missing(missing));
    }
}
