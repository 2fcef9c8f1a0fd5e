package io.wsingest.live;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a publisher's binary message together from the parts the container delivers, holding at most the largest
 * chunk allowed. The container's own size limit would close the connection with a bare 1009; counting here lets the
 * publisher hear {@code ERROR: Chunk too large} first. Not thread-safe: the container delivers one connection's
 * parts one at a time, in order.
 */
final class ChunkAssembler {

    private final long maxBytes;
    private final List<ByteBuffer> parts = new ArrayList<>();
    private long size;

    ChunkAssembler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Takes a copy of the part (the container may reuse its buffer after the call).
     *
     * @return the whole chunk, read-only and owned by the caller, when {@code last}; null while more is to come
     * @throws LiveRefusal {@link LiveClose#CHUNK_TOO_LARGE} as soon as the message grows past the maximum; the parts
     *                     so far are dropped
     */
    ByteBuffer add(ByteBuffer part, boolean last) throws LiveRefusal {
        if (part.remaining() > maxBytes - size) {
            parts.clear();
            size = 0;
            throw new LiveRefusal(LiveClose.CHUNK_TOO_LARGE, null);
        }
        if (last && parts.isEmpty()) {
            return copy(part); // the whole message in one part: one copy
        }
        parts.add(copy(part));
        size += part.remaining();
        if (!last) {
            return null;
        }
        ByteBuffer whole = ByteBuffer.allocate((int) size);
        for (ByteBuffer copied : parts) {
            whole.put(copied);
        }
        parts.clear();
        size = 0;
        return whole.flip().asReadOnlyBuffer();
    }

    private static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy.asReadOnlyBuffer();
    }
}
