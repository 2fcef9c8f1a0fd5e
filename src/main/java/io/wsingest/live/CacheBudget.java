package io.wsingest.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-wide budget of every channel's cache together ({@code wsingest.live.gop-cache-budget-bytes}). A chunk's
 * bytes are reserved before it goes into a cache and released when it leaves one, so the bytes cached in all channels
 * (plus the chunks on their way in) never exceed the limit. Lock-free: publishers on different channels never wait
 * for each other here.
 */
final class CacheBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    CacheBudget(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    /** Reserves the bytes if they fit in what is left; false (and nothing reserved) if they do not. */
    boolean tryReserve(long bytes) {
        long current;
        do {
            current = used.get();
            if (bytes > limit - current) {
                return false;
            }
        } while (!used.compareAndSet(current, current + bytes));
        return true;
    }

    /** Gives back bytes reserved earlier. */
    void release(long bytes) {
        long after = used.addAndGet(-bytes);
        if (after < 0) {
            throw new IllegalStateException("released more than was reserved: " + after);
        }
    }

    /** What the reservations lack to hold {@code bytes} more; 0 when they fit. */
    long shortfall(long bytes) {
        return Math.max(0, used.get() + bytes - limit);
    }

    /** The bytes reserved now. */
    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }
}
