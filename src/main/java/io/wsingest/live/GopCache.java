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
 * <p>Every cached byte is also counted in the server-wide {@link CacheBudget}: the caller reserves a chunk's
 * {@link #cost} before {@link #add}, and the cache releases it when the chunk leaves. The cache is always a
 * contiguous run of the latest chunks: a chunk that cannot be cached empties it, since a receiver starting from the
 * older chunks would miss that one.
 *
 * <p>Not thread-safe: the channel's lock guards it, except for {@link #wants} and {@link #accountedBytes}, which
 * anyone may read. Chunks must be read-only buffers that nobody consumes; the snapshot hands out duplicates.
 */
final class GopCache {

    /** The bytes counted for each chunk on top of its data: the buffer object and the queue's slot. */
    static final int CHUNK_OVERHEAD = 64;

    private final long limit;
    private final CacheBudget budget;
    private final Deque<ByteBuffer> chunks = new ArrayDeque<>();
    private volatile long accountedBytes;
    private long dataBytes;
    private volatile boolean disabled;

    GopCache(long limit, CacheBudget budget) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
        this.budget = budget;
    }

    /**
     * Whether a chunk of this cost would be cached now, so that the caller reserves it in the budget first. Read
     * without the lock, so only a hint: {@link #add} settles it.
     */
    boolean wants(long cost) {
        return isEnabled() && cost <= limit;
    }

    /**
     * Adds the newest chunk and drops the oldest until the cache fits its own limit; nothing happens while the cache
     * is off.
     *
     * @param reserved whether the caller reserved the chunk's {@link #cost} in the budget: if so, the cache owns the
     *                 reservation from now on; if not, the chunk cannot be cached and the cache is emptied
     */
    void add(ByteBuffer chunk, boolean reserved) {
        long cost = cost(chunk);
        if (!isEnabled()) {
            if (reserved) {
                budget.release(cost);
            }
            return;
        }
        if (!reserved) {
            clear();
            return;
        }
        chunks.addLast(chunk);
        accountedBytes += cost;
        dataBytes += chunk.remaining();
        if (accountedBytes > limit) {
            trimOldest(accountedBytes - limit);
        }
    }

    /** Drops the oldest chunks until at least {@code bytes} (as counted) are gone or the cache is empty. */
    long trimOldest(long bytes) {
        long freed = 0;
        while (freed < bytes && !chunks.isEmpty()) {
            ByteBuffer oldest = chunks.removeFirst();
            long cost = cost(oldest);
            accountedBytes -= cost;
            dataBytes -= oldest.remaining();
            budget.release(cost);
            freed += cost;
        }
        return freed;
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

    /** The bytes counted against the limit and the budget (data plus overhead). */
    long accountedBytes() {
        return accountedBytes;
    }

    /** The data bytes cached. */
    long dataBytes() {
        return dataBytes;
    }

    private void clear() {
        budget.release(accountedBytes);
        chunks.clear();
        accountedBytes = 0;
        dataBytes = 0;
    }

    /** What a chunk counts against the cache's limit and the budget. */
    static long cost(ByteBuffer chunk) {
        return chunk.remaining() + (long) CHUNK_OVERHEAD;
    }
}
