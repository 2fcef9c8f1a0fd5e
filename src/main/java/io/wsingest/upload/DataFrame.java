package io.wsingest.upload;

import java.nio.ByteBuffer;

/**
 * A decoded data message.
 *
 * @param offset where in the file the data starts, as the client says
 * @param data   the {@code count} bytes of data (a view of the message, valid while the message is)
 */
public record DataFrame(long offset, ByteBuffer data) {

    public int count() {
        return data.remaining();
    }
}
