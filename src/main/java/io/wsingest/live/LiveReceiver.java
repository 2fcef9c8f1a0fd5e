package io.wsingest.live;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A receive, receive-clear-cache or probe connection on a channel, and the slow-receiver policy.
 *
 * <p>Chunks reach a receiver in stream order from two threads: the thread that attaches it hands it the cache
 * snapshot ({@link #replay}), the publisher's thread hands it live chunks ({@link #deliver}). Live chunks that arrive
 * while the snapshot is still being queued wait in {@code pending} and are queued after it, so no lock is held while
 * the outbox sends.
 *
 * <p>A receiver may have at most {@code queueLimit} bytes of live chunks waiting to be sent; the cached chunks it was
 * given on attaching do not count (they are its start, not its lag). One more live chunk than that and it is cut
 * off with {@code ERROR: Receiver too slow}; the publisher and the other receivers never wait for it.
 */
final class LiveReceiver {

    /** What became of a chunk handed to the receiver. */
    enum Outcome {
        /** Queued, or kept to queue after the snapshot. */
        QUEUED,
        /** A probe got its chunk: it leaves the channel. */
        DONE,
        /** Cut off or closed: it leaves the channel. */
        GONE
    }

    final LiveConnection connection;
    final LiveChannel channel;
    final ConnectionKind kind;
    final byte[] keyHash;
    final boolean keyVerified;
    private final long queueLimit;
    /** Another node's pull: the text it gets after the cache, where live chunks begin; null for a client. */
    private final String snapshotEnd;

    // Guarded by this.
    private boolean attaching;
    private List<ByteBuffer> pending = new ArrayList<>();
    private boolean streamEnded;
    private boolean gone;
    private LongConsumer sentBytes = n -> { };

    // Only the thread currently queueing chunks (the attaching one, then the publisher's) touches these; the handover
    // happens under the lock, which makes them visible.
    private long offeredBytes;
    private long snapshotBytes;
    private int offeredChunks;

    LiveReceiver(LiveConnection connection, LiveChannel channel, ConnectionKind kind, byte[] keyHash,
            boolean keyVerified, long queueLimit) {
        this(connection, channel, kind, keyHash, keyVerified, queueLimit, null);
    }

    /** @param snapshotEnd the text that follows the cache, for another node's pull; null for a client */
    LiveReceiver(LiveConnection connection, LiveChannel channel, ConnectionKind kind, byte[] keyHash,
            boolean keyVerified, long queueLimit, String snapshotEnd) {
        if (!kind.receives()) {
            throw new IllegalArgumentException("not a receiving kind: " + kind);
        }
        this.connection = connection;
        this.channel = channel;
        this.kind = kind;
        this.keyHash = keyHash;
        this.keyVerified = keyVerified;
        this.queueLimit = queueLimit;
        this.snapshotEnd = snapshotEnd;
    }

    /** Under the channel's lock: the receiver joins a stream; chunks delivered from now on wait for the snapshot. */
    synchronized void startAttaching(LongConsumer sentBytes) {
        this.attaching = true;
        this.sentBytes = sentBytes;
    }

    /** The attaching thread: queues the snapshot, then the live chunks that arrived meanwhile. */
    Outcome replay(List<ByteBuffer> snapshot) {
        for (ByteBuffer chunk : snapshot) {
            Outcome outcome = queue(chunk, true);
            if (outcome != Outcome.QUEUED) {
                return leave(outcome);
            }
        }
        if (snapshotEnd != null && !connection.outbox().offerText(snapshotEnd)) {
            return leave(Outcome.GONE);
        }
        boolean ended;
        while (true) {
            List<ByteBuffer> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    attaching = false;
                    ended = streamEnded;
                    break;
                }
                batch = pending;
                pending = new ArrayList<>();
            }
            for (ByteBuffer chunk : batch) {
                Outcome outcome = queue(chunk, false);
                if (outcome != Outcome.QUEUED) {
                    return leave(outcome);
                }
            }
        }
        if (ended) {
            connection.finish(LiveClose.STREAM_ENDED);
        }
        return Outcome.QUEUED;
    }

    /**
     * The publisher's thread: one chunk of the stream.
     *
     * @param cached whether it is part of a cache the receiver starts with rather than lag: on an edge node, the
     *               origin's cache arriving over the pull ({@link EdgePull}); a chunk that waits for the snapshot
     *               counts as live
     */
    Outcome deliver(ByteBuffer chunk, boolean cached) {
        synchronized (this) {
            if (gone) {
                return Outcome.GONE;
            }
            if (attaching) {
                pending.add(chunk);
                return Outcome.QUEUED;
            }
        }
        Outcome outcome = queue(chunk, cached);
        return outcome == Outcome.QUEUED ? outcome : leave(outcome);
    }

    /** The stream ended: the receiver is closed once its queued chunks are sent. */
    void streamEnded() {
        boolean now;
        synchronized (this) {
            streamEnded = true;
            now = !attaching;
        }
        if (now) {
            connection.finish(LiveClose.STREAM_ENDED);
        }
    }

    private Outcome queue(ByteBuffer chunk, boolean cached) {
        if (kind == ConnectionKind.PROBE && offeredChunks > 0) {
            return Outcome.DONE;
        }
        long size = chunk.remaining();
        if (!cached && tooFarBehind(size)) {
            connection.tooSlow();
            return Outcome.GONE;
        }
        if (!connection.outbox().offerBinary(chunk)) {
            return Outcome.GONE; // closed, or its outbox overflowed (which cut it off already)
        }
        offeredBytes += size;
        offeredChunks++;
        if (cached) {
            snapshotBytes += size;
        }
        sentBytes.accept(size);
        if (kind == ConnectionKind.PROBE) {
            connection.finish(LiveClose.PROBE_COMPLETE);
            return Outcome.DONE;
        }
        return Outcome.QUEUED;
    }

    /**
     * Whether queueing {@code size} more live bytes would leave more than the limit of live bytes waiting. What waits
     * is the snapshot's rest (the queue is first in, first out) and live chunks; what left the queue is what was
     * offered minus what waits.
     */
    private boolean tooFarBehind(long size) {
        long waiting = connection.outbox().queuedBytes();
        long left = Math.max(0, offeredBytes - waiting);
        long snapshotWaiting = Math.max(0, snapshotBytes - left);
        long liveWaiting = Math.max(0, waiting - snapshotWaiting);
        return liveWaiting > 0 && liveWaiting + size > queueLimit;
    }

    private Outcome leave(Outcome outcome) {
        synchronized (this) {
            gone = true;
            attaching = false;
            pending = new ArrayList<>();
        }
        return outcome;
    }
}
