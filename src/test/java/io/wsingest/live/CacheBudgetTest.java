package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class CacheBudgetTest {

    @Test
    void reservesWhatFitsAndNothingMore() {
        CacheBudget budget = new CacheBudget(100);
        assertTrue(budget.tryReserve(60));
        assertFalse(budget.tryReserve(41), "41 more would make 101");
        assertEquals(60, budget.used(), "a refused reservation takes nothing");
        assertEquals(1, budget.shortfall(41));
        assertEquals(0, budget.shortfall(40));
        assertTrue(budget.tryReserve(40));
        assertEquals(100, budget.used());
        budget.release(60);
        assertEquals(40, budget.used());
    }

    @Test
    void aZeroBudgetTakesNothingButEmptiness() {
        CacheBudget budget = new CacheBudget(0);
        assertFalse(budget.tryReserve(1));
        assertTrue(budget.tryReserve(0));
    }

    @Test
    void releasingMoreThanWasReservedIsABug() {
        CacheBudget budget = new CacheBudget(100);
        budget.tryReserve(10);
        assertThrows(IllegalStateException.class, () -> budget.release(11));
        assertThrows(IllegalArgumentException.class, () -> new CacheBudget(-1));
    }

    @Test
    void concurrentReservationsNeverPassTheLimitAndAddUpExactly() throws Exception {
        long limit = 10_000;
        CacheBudget budget = new CacheBudget(limit);
        AtomicLong peak = new AtomicLong();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> held = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int size = 7 + t * 13;
                held.add(pool.submit(() -> {
                    start.await();
                    long mine = 0;
                    for (int i = 0; i < 50_000; i++) {
                        if (budget.tryReserve(size)) {
                            mine += size;
                            peak.accumulateAndGet(budget.used(), Math::max);
                        }
                        if (i % 3 == 0 && mine >= size) {
                            budget.release(size);
                            mine -= size;
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            long total = 0;
            for (Future<Long> f : held) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(total, budget.used(), "what is reserved is exactly what the holders hold");
            assertTrue(peak.get() <= limit, "peak " + peak.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
