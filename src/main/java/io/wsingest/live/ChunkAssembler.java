package io.wsingest.live;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

/**
 * Puts a publisher's binary message together from the parts the container delivers, holding at most the largest
 * chunk allowed. The container's own size limit would close the connection with a bare 1009; counting here lets the
 * publisher hear {@code ERROR: Chunk too large} first. The parts of an unfinished message beyond its first
 * {@link #UNHELD_BYTES} are held against the relay's budget (the one the caches share), so that many publishers
 * sending large messages slowly cannot fill the heap either. The first bytes are free so that publishers of ordinary
 * chunks never depend on what others hold: with at most {@code max-channels} publishers, they come to 64 MiB at the
 * defaults. A message that arrives in one part needs no holding at all: the container had it whole, and the relay
 * counts it when it caches it.
 *
 * <p>The container delivers one connection's parts one at a time, in order; the close may come from another thread,
 * hence the lock.
 */
final class ChunkAssembler {

    /** How much of an unfinished message is not held against the budget. */
    static final long UNHELD_BYTES = 64 * 1024;

    private final long maxBytes;
    private final LongPredicate hold;
    private final LongConsumer release;
    private final List<ByteBuffer> parts = new ArrayList<>();
    private long size;
    private boolean discarded;

    /**
     * @param hold    holds bytes against the budget; false when it cannot
     * @param release gives held bytes back
     */
    ChunkAssembler(long maxBytes, LongPredicate hold, LongConsumer release) {
        this.maxBytes = maxBytes;
        this.hold = hold;
        this.release = release;
    }

    /**
     * Takes a copy of the part (the container may reuse its buffer after the call).
     *
     * @return the whole chunk, read-only and owned by the caller, when {@code last}; null while more is to come, and
     *         after {@link #discard}
     * @throws LiveRefusal {@link LiveClose#CHUNK_TOO_LARGE} as soon as the message grows past the maximum,
     *                     {@link LiveClose#SERVER_BUSY} when the budget cannot hold the part; the parts so far are
     *                     dropped
     */
    synchronized ByteBuffer add(ByteBuffer part, boolean last) throws LiveRefusal {
        if (discarded) {
            return null;
        }
        if (part.remaining() > maxBytes - size) {
            discard();
            throw new LiveRefusal(LiveClose.CHUNK_TOO_LARGE, null);
        }
        if (last && parts.isEmpty()) {
            return copy(part); // the whole message in one part: one copy
        }
        long more = held(size + part.remaining()) - held(size);
        if (more > 0 && !hold.test(more)) {
            discard();
            throw new LiveRefusal(LiveClose.SERVER_BUSY, null);
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
        drop();
        return whole.flip().asReadOnlyBuffer();
    }

    /** The publisher is gone: what it held goes back, and later parts are ignored. */
    synchronized void discard() {
        discarded = true;
        drop();
    }

    private void drop() {
        release.accept(held(size));
        parts.clear();
        size = 0;
    }

    /** What an unfinished message of {@code bytes} holds against the budget. */
    private static long held(long bytes) {
        return Math.max(0, bytes - UNHELD_BYTES);
    }

    private static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy.asReadOnlyBuffer();
    }
}
