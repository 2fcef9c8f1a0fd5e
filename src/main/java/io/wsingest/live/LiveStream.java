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

    /** Bits per second in and out over the last interval between two {@link #sampleRates} calls. */
    private volatile long bitRateIn;
    private volatile long bitRateOut;
    // The previous sample; only the heartbeat task samples.
    private long sampledNanos;
    private long sampledIn;
    private long sampledOut;

    LiveStream(LiveChannel channel, String streamId, byte[] receiverKeyHash, String origin, boolean internal,
            Instant startedAt, long startedNanos) {
        this.channel = channel;
        this.streamId = streamId;
        this.receiverKeyHash = receiverKeyHash == null ? null : receiverKeyHash.clone();
        this.origin = origin;
        this.internal = internal;
        this.startedAt = startedAt;
        this.startedNanos = startedNanos;
        this.sampledNanos = startedNanos;
    }

    /** Measures the bit rates since the previous sample (the heartbeat task's round, about a second). */
    synchronized void sampleRates(long nowNanos) {
        long elapsed = nowNanos - sampledNanos;
        if (elapsed <= 0) {
            return;
        }
        long in = bytesIn.get();
        long out = bytesOut.sum();
        bitRateIn = bitsPerSecond(in - sampledIn, elapsed);
        bitRateOut = bitsPerSecond(out - sampledOut, elapsed);
        sampledNanos = nowNanos;
        sampledIn = in;
        sampledOut = out;
    }

    long bitRateIn() {
        return bitRateIn;
    }

    long bitRateOut() {
        return bitRateOut;
    }

    private static long bitsPerSecond(long bytes, long nanos) {
        return (long) (bytes * 8 * 1e9 / nanos);
    }
}
