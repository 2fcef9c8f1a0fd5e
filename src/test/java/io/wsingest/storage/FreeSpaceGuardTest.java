package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class FreeSpaceGuardTest {

    private static final long MIB = 1L << 20;

    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicLong free = new AtomicLong();

    /** A guard over a simulated disk with {@code usable} bytes free. */
    private FreeSpaceGuard guard(long usable, long minFree) {
        free.set(usable);
        return new FreeSpaceGuard(new DiskReserve(() -> {
            checks.incrementAndGet();
            return free.get();
        }, minFree));
    }

    private void write(FreeSpaceGuard guard, long bytes) throws Exception {
        guard.reserve(bytes);
        free.addAndGet(-bytes);
    }

    @Test
    void checksEvenAnEmptyFirstWrite() {
        assertThrows(StorageFullException.class, () -> guard(MIB, 2 * MIB).reserve(0));
        assertEquals(1, checks.get());
    }

    @Test
    void asksTheFileSystemAtMostOncePerCheckInterval() throws Exception {
        FreeSpaceGuard guard = guard(1000 * MIB, 0);
        long chunk = 64 * 1024;
        long total = 10 * FreeSpaceGuard.CHECK_INTERVAL;

        for (long written = 0; written < total; written += chunk) {
            write(guard, chunk);
        }

        assertEquals(total / FreeSpaceGuard.CHECK_INTERVAL, checks.get());
    }

    @Test
    void refusesWriteThatWouldLeaveLessThanTheMinimumFree() {
        FreeSpaceGuard guard = guard(10 * MIB, 9 * MIB);

        StorageFullException e = assertThrows(StorageFullException.class, () -> guard.reserve(MIB + 1));
        assertTrue(e.getMessage().contains("wsingest.storage.min-free-bytes"));
        assertDoesNotThrow(() -> guard.reserve(MIB));
    }

    @Test
    void neverLetsMoreThanTheHeadroomThroughBetweenChecks() throws Exception {
        FreeSpaceGuard guard = guard(10 * MIB, 9 * MIB);

        write(guard, MIB / 2);
        write(guard, MIB / 2);

        assertEquals(1, checks.get());
        assertThrows(StorageFullException.class, () -> write(guard, 1));
        assertEquals(2, checks.get());
    }
}
