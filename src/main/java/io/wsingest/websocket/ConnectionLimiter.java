package io.wsingest.websocket;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The most concurrent connections per key (0: no limit), except for exempt keys. The key is whatever a connection is
 * counted by: a client address (protocol E) or a user (protocols A to D). Thread-safe. Each accepted connection
 * holds a {@link Permit} and releases it when it closes.
 */
public final class ConnectionLimiter {

    /** One connection's place; releasing it twice is harmless. */
    public interface Permit {
        void release();
    }

    private static final Permit UNCOUNTED = () -> { };

    private final int maxPerKey;
    private final Predicate<String> exempt;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    /**
     * @param maxPerKey the most connections per key; 0 for no limit
     * @param exempt    keys that are never counted
     */
    public ConnectionLimiter(int maxPerKey, Predicate<String> exempt) {
        if (maxPerKey < 0) {
            throw new IllegalArgumentException("maxPerKey must not be negative: " + maxPerKey);
        }
        this.maxPerKey = maxPerKey;
        this.exempt = exempt;
    }

    /** A limiter that exempts no key. */
    public ConnectionLimiter(int maxPerKey) {
        this(maxPerKey, key -> false);
    }

    /** A permit, or empty when the key already has the most connections allowed. A null key is not counted. */
    public Optional<Permit> tryAcquire(String key) {
        if (maxPerKey == 0 || key == null || exempt.test(key)) {
            return Optional.of(UNCOUNTED);
        }
        boolean[] granted = new boolean[1];
        counts.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerKey) {
                return count;
            }
            granted[0] = true;
            return current + 1;
        });
        if (!granted[0]) {
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                counts.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
            }
        });
    }

    /** The connections counted for the key. */
    public int count(String key) {
        return counts.getOrDefault(key, 0);
    }

    /** The most connections per key; 0 for no limit. */
    public int max() {
        return maxPerKey;
    }
}
