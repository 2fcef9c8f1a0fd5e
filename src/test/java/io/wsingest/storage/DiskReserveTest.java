package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The reserve holds however many writers write at once: what one writer holds, no other can have. */
class DiskReserveTest {

    private static final long MIB = 1L << 20;

    /** A simulated disk: writers take bytes off it after their guard let them through. */
    private final AtomicLong free = new AtomicLong();
    private final AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);

    private DiskReserve reserve(long usable, long minFree) {
        free.set(usable);
        return new DiskReserve(free::get, minFree);
    }

    private void write(FreeSpaceGuard guard, long bytes) throws Exception {
        guard.reserve(bytes);
        lowest.accumulateAndGet(free.addAndGet(-bytes), Math::min);
    }

    @Test
    void manyParallelWritersNeverWritePastTheReserve() throws Exception {
        int writers = 32;
        long minFree = 100 * MIB;
        long headroom = 40 * MIB;
        DiskReserve reserve = reserve(minFree + headroom, minFree);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int chunk = 4096 + 997 * i;
                done.add(pool.submit(() -> {
                    FreeSpaceGuard guard = new FreeSpaceGuard(reserve);
                    start.await();
                    try {
                        while (true) {
                            write(guard, chunk);
                            written.addAndGet(chunk);
                        }
                    } catch (StorageFullException expected) {
                        return null;
                    } finally {
                        guard.release();
                    }
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertTrue(lowest.get() >= minFree, "free space went down to " + lowest.get() + ", below " + minFree);
        // Every writer stopped at its first refusal: the last one close to the reserve, not far from it.
        assertTrue(written.get() > headroom - writers * (64 * 1024L), "only " + written.get() + " bytes written");
        assertEquals(0, reserve.granted());
    }

    @Test
    void whatOneWriterHoldsIsNotGivenToAnother() throws Exception {
        DiskReserve reserve = reserve(10 * MIB + 3 * MIB / 2, 10 * MIB);
        FreeSpaceGuard first = new FreeSpaceGuard(reserve);
        FreeSpaceGuard second = new FreeSpaceGuard(reserve);

        write(first, 1024);
        assertEquals(FreeSpaceGuard.CHECK_INTERVAL + 1024, reserve.granted());

        // Half a MiB is left that no one holds (less the 1024 bytes written, counted on disk and in the first grant
        // until the first writer asks again): the second writer can have that, no more.
        write(second, MIB / 2 - 2048);
        assertThrows(StorageFullException.class, () -> write(second, 1));
    }

    @Test
    void aStoppedWriterHandsItsShareBack() throws Exception {
        DiskReserve reserve = reserve(10 * MIB + MIB, 10 * MIB);
        FreeSpaceGuard idle = new FreeSpaceGuard(reserve);
        FreeSpaceGuard busy = new FreeSpaceGuard(reserve);
        write(idle, 1);
        assertThrows(StorageFullException.class, () -> write(busy, MIB / 2));

        idle.release();

        write(busy, MIB / 2);
        // All the headroom but the byte the idle writer wrote.
        assertEquals(MIB - 1, reserve.granted());
    }

    @Test
    void aNewWriterHoldsNothingUntilItWrites() throws Exception {
        DiskReserve reserve = reserve(10 * MIB + MIB, 10 * MIB);
        for (int i = 0; i < 1000; i++) {
            new FreeSpaceGuard(reserve).reserve(0);
        }

        assertEquals(0, reserve.granted());
    }
}
