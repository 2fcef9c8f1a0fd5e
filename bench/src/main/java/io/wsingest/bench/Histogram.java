package io.wsingest.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Latencies in 50 µs buckets up to 20 s (longer ones count in the last bucket); safe for many threads. */
final class Histogram {

    private static final long BUCKET_NANOS = 50_000;
    private static final int BUCKETS = 400_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();
    private volatile long max;

    void record(long nanos) {
        int bucket = (int) Math.min(BUCKETS - 1, Math.max(0, nanos) / BUCKET_NANOS);
        counts.incrementAndGet(bucket);
        total.increment();
        if (nanos > max) {
            synchronized (this) {
                max = Math.max(max, nanos);
            }
        }
    }

    long count() {
        return total.sum();
    }

    /** The latency (ms, bucket's upper bound) below which {@code fraction} of the samples lie; NaN when empty. */
    double percentileMillis(double fraction) {
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(fraction * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min((i + 1) * BUCKET_NANOS, max) / 1e6;
            }
        }
        return max / 1e6;
    }

    double maxMillis() {
        return max / 1e6;
    }
}
