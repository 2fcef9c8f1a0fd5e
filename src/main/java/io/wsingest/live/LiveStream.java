package io.wsingest.live;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** One publication on a channel, from the publisher's arrival to its end. */
final class LiveStream {

    final LiveChannel channel;
    final String streamId;
    /** The hash receivers' keys must match unless already verified; null: only verified receivers. */
    final byte[] receiverKeyHash;
    /** The publisher's address, or what an internal publication says it is. */
    final String origin;
    final boolean internal;
    final Instant startedAt;
    final long startedNanos;

    final AtomicLong bytesIn = new AtomicLong();
    final AtomicLong chunksIn = new AtomicLong();
    final LongAdder bytesOut = new LongAdder();

    LiveStream(LiveChannel channel, String streamId, byte[] receiverKeyHash, String origin, boolean internal,
            Instant startedAt, long startedNanos) {
        this.channel = channel;
        this.streamId = streamId;
        this.receiverKeyHash = receiverKeyHash == null ? null : receiverKeyHash.clone();
        this.origin = origin;
        this.internal = internal;
        this.startedAt = startedAt;
        this.startedNanos = startedNanos;
    }
}
