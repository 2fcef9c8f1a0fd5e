package io.wsingest.relay;

import java.nio.ByteBuffer;

/**
 * A stream published from inside the application (protocol A relays {@code saveMedia=false} uploads to the channel
 * {@code project-{ProjectId}}): the same channel, cache and fan-out as a WebSocket publisher. Obtained from
 * {@link StreamRelay#publish(String, String)}; close it when the source ends, or the channel stays taken.
 */
public interface Publication extends AutoCloseable {

    String channel();

    /** The stream's id, as in the log and the administration API. */
    String streamId();

    /**
     * Relays one chunk: the bytes from the buffer's position to its limit are copied (the caller may reuse the
     * buffer afterwards) and handed to the cache and every receiver. Never blocks on receivers. Calls are serialised.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    void send(ByteBuffer chunk);

    /** Ends the stream: receivers get their queued chunks and are closed with {@code Stream ended}. Idempotent. */
    @Override
    void close();
}
