package io.wsingest.upload;

import java.io.IOException;
import java.nio.ByteBuffer;

/** One upload's stream on a live channel. Called by one connection at a time. */
public interface LivePublication extends AutoCloseable {

    /**
     * Relays the next bytes of the stream, in order. The buffer is valid only during the call (copy what is kept);
     * a slow receiver must not make this block.
     */
    void publish(ByteBuffer chunk) throws IOException;

    /** Ends the stream on the channel. */
    @Override
    void close();
}
