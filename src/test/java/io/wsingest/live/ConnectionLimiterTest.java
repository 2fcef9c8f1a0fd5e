package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    @Test
    void countsPerAddressUpToTheLimit() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, CidrList.empty());
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
    void forgetsAnAddressWithNoConnections() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, CidrList.empty());
        limiter.tryAcquire("10.0.0.1").orElseThrow().release();
        assertEquals(0, limiter.count("10.0.0.1"));
    }

    @Test
    void zeroMeansNoLimit() {
        ConnectionLimiter limiter = new ConnectionLimiter(0, CidrList.empty());
        for (int i = 0; i < 100; i++) {
            assertTrue(limiter.tryAcquire("10.0.0.1").isPresent());
        }
        assertEquals(0, limiter.count("10.0.0.1"));
    }

    @Test
    void exemptAndUnknownAddressesAreNotCounted() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, CidrList.parse(List.of("10.0.0.0/8")));
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.tryAcquire("10.1.1.1").isPresent());
            assertTrue(limiter.tryAcquire(null).isPresent());
        }
        assertTrue(limiter.tryAcquire("192.168.0.1").isPresent());
        assertTrue(limiter.tryAcquire("192.168.0.1").isEmpty());
    }
}
