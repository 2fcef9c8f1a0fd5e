package io.wsingest.live;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A channel's cache of its latest chunks, bounded in bytes, oldest dropped first. The relay does not parse the
 * media, so this is not a cache of whole groups of pictures: it is, as in the original server, the latest chunks
 * that fit, which a new receiver gets before the live ones. Each chunk counts its size plus {@link #CHUNK_OVERHEAD}
 * bytes of bookkeeping, so that a stream of tiny chunks is bounded too. A limit of 0 turns the cache off.
 *
 * <p>Not thread-safe: the channel's lock guards it. Chunks must be read-only buffers that nobody consumes; the
 * snapshot hands out duplicates.
 */
final class GopCache {

    /** The bytes counted for each chunk on top of its data: the buffer object and the queue's slot. */
    static final int CHUNK_OVERHEAD = 64;

    private final long limit;
    private final Deque<ByteBuffer> chunks = new ArrayDeque<>();
    private long accountedBytes;
    private long dataBytes;
    private boolean disabled;

    GopCache(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    /** Adds the newest chunk and drops the oldest until the cache fits; nothing happens while the cache is off. */
    void add(ByteBuffer chunk) {
        if (!isEnabled()) {
            return;
        }
        chunks.addLast(chunk);
        accountedBytes += cost(chunk);
        dataBytes += chunk.remaining();
        while (accountedBytes > limit && !chunks.isEmpty()) {
            ByteBuffer oldest = chunks.removeFirst();
            accountedBytes -= cost(oldest);
            dataBytes -= oldest.remaining();
        }
    }

    /** Every cached chunk, oldest first, each a duplicate with its own position. */
    List<ByteBuffer> snapshot() {
        List<ByteBuffer> copy = new ArrayList<>(chunks.size());
        for (ByteBuffer chunk : chunks) {
            copy.add(chunk.duplicate());
        }
        return copy;
    }

    /** The oldest cached chunk (a duplicate): the start of what the cache holds. */
    Optional<ByteBuffer> oldest() {
        ByteBuffer first = chunks.peekFirst();
        return first == null ? Optional.empty() : Optional.of(first.duplicate());
    }

    /** Empties the cache and keeps it off until {@link #reset()} ({@code receive-clear-cache}). */
    void clearAndDisable() {
        clear();
        disabled = true;
    }

    /** Empties the cache and turns it back on (unless the limit is 0): a new stream starts. */
    void reset() {
        clear();
        disabled = false;
    }

    boolean isEnabled() {
        return limit > 0 && !disabled;
    }

    int chunkCount() {
        return chunks.size();
    }

    /** The bytes counted against the limit (data plus overhead). */
    long accountedBytes() {
        return accountedBytes;
    }

    /** The data bytes cached. */
    long dataBytes() {
        return dataBytes;
    }

    private void clear() {
        chunks.clear();
        accountedBytes = 0;
        dataBytes = 0;
    }

    private static long cost(ByteBuffer chunk) {
        return chunk.remaining() + (long) CHUNK_OVERHEAD;
    }
}
