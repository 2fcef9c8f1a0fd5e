package io.wsingest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    @Test
    void countsPerKeyUpToTheLimit() {
        ConnectionLimiter limiter = new ConnectionLimiter(2);
        Optional<ConnectionLimiter.Permit> a = limiter.tryAcquire("10.0.0.1");
        Optional<ConnectionLimiter.Permit> b = limiter.tryAcquire("10.0.0.1");
        assertTrue(a.isPresent() && b.isPresent());
        assertTrue(limiter.tryAcquire("10.0.0.1").isEmpty());
        assertTrue(limiter.tryAcquire("10.0.0.2").isPresent());
        a.get().release();
        a.get().release(); // twice is harmless
        assertEquals(1, limiter.count("10.0.0.1"));
        assertTrue(limiter.tryAcquire("10.0.0.1").isPresent());
    }

    @Test
    void countsUsersAsWellAsAddresses() {
        ConnectionLimiter limiter = new ConnectionLimiter(1);
        assertTrue(limiter.tryAcquire("alice").isPresent());
        assertTrue(limiter.tryAcquire("alice").isEmpty());
        assertTrue(limiter.tryAcquire("bob").isPresent());
        assertEquals(1, limiter.count("alice"));
    }

    @Test
    void forgetsAKeyWithNoConnections() {
        ConnectionLimiter limiter = new ConnectionLimiter(1);
        limiter.tryAcquire("10.0.0.1").orElseThrow().release();
        assertEquals(0, limiter.count("10.0.0.1"));
    }

    @Test
    void zeroMeansNoLimit() {
        ConnectionLimiter limiter = new ConnectionLimiter(0);
        for (int i = 0; i < 100; i++) {
            assertTrue(limiter.tryAcquire("10.0.0.1").isPresent());
        }
        assertEquals(0, limiter.count("10.0.0.1"));
    }

    @Test
    void refusesANegativeLimit() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimiter(-1));
    }

    @Test
    void exemptAndNullKeysAreNotCounted() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, key -> key.startsWith("10."));
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.tryAcquire("10.1.1.1").isPresent());
            assertTrue(limiter.tryAcquire(null).isPresent());
        }
        assertTrue(limiter.tryAcquire("192.168.0.1").isPresent());
        assertTrue(limiter.tryAcquire("192.168.0.1").isEmpty());
    }

    @Test
    void concurrentAcquirersNeverExceedTheLimit() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(5);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    return limiter.tryAcquire("alice").isPresent();
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Boolean> attempt : attempts) {
                granted += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(5, granted);
            assertEquals(5, limiter.count("alice"));
        } finally {
            pool.shutdownNow();
        }
    }
}
