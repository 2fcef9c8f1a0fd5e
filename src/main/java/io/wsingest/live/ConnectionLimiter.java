package io.wsingest.live;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The most concurrent connections per client address (0: no limit), except for addresses in the exempt list.
 * Thread-safe. Each accepted connection holds a {@link Permit} and releases it when it closes.
 */
final class ConnectionLimiter {

    /** One connection's place; releasing it twice is harmless. */
    interface Permit {
        void release();
    }

    private static final Permit UNCOUNTED = () -> { };

    private final int maxPerAddress;
    private final CidrList exempt;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    ConnectionLimiter(int maxPerAddress, CidrList exempt) {
        this.maxPerAddress = maxPerAddress;
        this.exempt = exempt;
    }

    /** A permit, or empty when the address already has the most connections allowed. */
    Optional<Permit> tryAcquire(String address) {
        if (maxPerAddress <= 0 || address == null || exempt.contains(address)) {
            return Optional.of(UNCOUNTED);
        }
        boolean[] granted = new boolean[1];
        counts.compute(address, (a, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
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
                counts.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
            }
        });
    }

    /** The connections counted for the address. */
    int count(String address) {
        return counts.getOrDefault(address, 0);
    }
}
