package io.wsingest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import org.junit.jupiter.api.Test;

import io.wsingest.metrics.Meter;
import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.Protocol;
import io.wsingest.testing.LogRecorder;

/** The guard without a container: admission by user and protocol, and one sweep at a chosen instant. */
class ConnectionGuardTest {

    private static final Instant FAR = Instant.now().plusSeconds(3600);

    /** Counts what the guard asked; busy while {@code busy} is set. */
    private static class Recorder implements ConnectionGuard.Target {
        boolean busy;
        int expiries;
        int idles;
        int shutdowns;

        @Override
        public boolean tokenExpired() {
            expiries++;
            return !busy;
        }

        @Override
        public void idle() {
            idles++;
        }

        @Override
        public void shuttingDown() {
            shutdowns++;
        }
    }

    private static ConnectionGuard guard(int maxPerUser, Duration grace) {
        ConnectionGuard guard = new ConnectionGuard();
        guard.settings = new ConnectionSettings(maxPerUser, grace);
        guard.metrics = Metrics.standalone();
        return guard;
    }

    @Test
    void countsEachProtocolsConnectionsOpenAndOpened() {
        ConnectionGuard guard = guard(0, Duration.ZERO);
        ConnectionGuard.Guarded first = guard.admit(Protocol.B, "alice", FAR, Duration.ZERO, new Recorder())
                .orElseThrow();
        guard.admit(Protocol.B, "bob", FAR, Duration.ZERO, new Recorder()).orElseThrow();
        first.closed();
        first.closed(); // counted once

        assertEquals(1, guard.metrics.value(Meter.CONNECTIONS_OPEN, Protocol.B));
        assertEquals(2, guard.metrics.value(Meter.CONNECTIONS_OPENED, Protocol.B));
        assertEquals(0, guard.metrics.value(Meter.CONNECTIONS_OPENED, Protocol.A));
    }

    @Test
    void limitsEachUserPerProtocol() {
        ConnectionGuard guard = guard(2, Duration.ZERO);
        Recorder target = new Recorder();
        Optional<ConnectionGuard.Guarded> first = guard.admit(Protocol.A, "alice", FAR, Duration.ZERO, target);
        assertTrue(first.isPresent());
        assertTrue(guard.admit(Protocol.A, "alice", FAR, Duration.ZERO, target).isPresent());

        assertTrue(guard.admit(Protocol.A, "alice", FAR, Duration.ZERO, target).isEmpty());
        assertTrue(guard.admit(Protocol.B, "alice", FAR, Duration.ZERO, target).isPresent(), "another protocol");
        assertTrue(guard.admit(Protocol.A, "bob", FAR, Duration.ZERO, target).isPresent(), "another user");

        first.get().closed();
        first.get().closed(); // twice is harmless
        assertTrue(guard.admit(Protocol.A, "alice", FAR, Duration.ZERO, target).isPresent());
        assertTrue(guard.admit(Protocol.A, "alice", FAR, Duration.ZERO, target).isEmpty());
    }

    @Test
    void countsOpenConnectionsByProtocolUntilTheyClose() {
        ConnectionGuard guard = guard(0, Duration.ZERO);
        Recorder target = new Recorder();
        ConnectionGuard.Guarded first = guard.admit(Protocol.A, "alice", FAR, Duration.ZERO, target).orElseThrow();
        guard.admit(Protocol.A, "bob", FAR, Duration.ZERO, target).orElseThrow();
        guard.admit(Protocol.B, "alice", FAR, Duration.ZERO, target).orElseThrow();
        assertEquals(Map.of(Protocol.A, 2L, Protocol.B, 1L), guard.openConnections());

        first.closed();
        assertEquals(Map.of(Protocol.A, 1L, Protocol.B, 1L), guard.openConnections());
    }

    @Test
    void endsAConnectionWhoseTokenExpiredOnceTheGracePassed() {
        ConnectionGuard guard = guard(0, Duration.ofSeconds(30));
        Instant expiry = Instant.now().plusSeconds(60);
        Recorder target = new Recorder();
        guard.admit(Protocol.D, "alice", expiry, Duration.ZERO, target).orElseThrow();

        guard.sweep(expiry.plusSeconds(29));
        assertEquals(0, target.expiries);

        guard.sweep(expiry.plusSeconds(30));
        assertEquals(1, target.expiries);

        guard.sweep(expiry.plusSeconds(31));
        assertEquals(1, target.expiries, "an ended connection is not asked again");
    }

    @Test
    void asksABusyConnectionAgainAtEverySweepUntilItEnds() {
        ConnectionGuard guard = guard(0, Duration.ZERO);
        Instant expiry = Instant.now();
        Recorder target = new Recorder();
        target.busy = true;
        guard.admit(Protocol.A, "alice", expiry, Duration.ZERO, target).orElseThrow();

        guard.sweep(expiry.plusSeconds(1));
        guard.sweep(expiry.plusSeconds(2));
        assertEquals(2, target.expiries);

        target.busy = false;
        guard.sweep(expiry.plusSeconds(3));
        guard.sweep(expiry.plusSeconds(4));
        assertEquals(3, target.expiries);
    }

    @Test
    void endsAnIdleConnectionOnceAndNotOneThatSpoke() {
        ConnectionGuard guard = guard(0, Duration.ZERO);
        Instant opened = Instant.parse("2026-12-05T12:00:00Z");
        guard.clock = Clock.fixed(opened, ZoneOffset.UTC);
        Recorder silent = new Recorder();
        Recorder talking = new Recorder();
        guard.admit(Protocol.C, "alice", opened.plusSeconds(3600), Duration.ofSeconds(10), silent).orElseThrow();
        ConnectionGuard.Guarded speaker = guard.admit(Protocol.C, "bob", opened.plusSeconds(3600), Duration.ofSeconds(10),
                talking).orElseThrow();

        guard.clock = Clock.fixed(opened.plusSeconds(5), ZoneOffset.UTC);
        speaker.heard();
        guard.sweep(opened.plusSeconds(10));
        guard.sweep(opened.plusSeconds(11));

        assertEquals(1, silent.idles);
        assertEquals(0, talking.idles);
        assertEquals(0, silent.expiries + talking.expiries);

        guard.sweep(opened.plusSeconds(15));
        assertEquals(1, talking.idles);
    }

    @Test
    void aClosedConnectionIsNoLongerWatched() {
        ConnectionGuard guard = guard(0, Duration.ZERO);
        Recorder target = new Recorder();
        guard.admit(Protocol.D, "alice", Instant.now(), Duration.ZERO, target).orElseThrow().closed();

        guard.sweep(Instant.now().plusSeconds(60));

        assertEquals(0, target.expiries);
    }

    @Test
    void aFailingConnectionDoesNotStopTheSweep() {
        ConnectionGuard guard = guard(0, Duration.ZERO);
        Recorder healthy = new Recorder();
        guard.admit(Protocol.D, "alice", Instant.now(), Duration.ZERO, new Recorder() {
            @Override
            public boolean tokenExpired() {
                throw new IllegalStateException("broken");
            }
        }).orElseThrow();
        guard.admit(Protocol.D, "bob", Instant.now(), Duration.ZERO, healthy).orElseThrow();

        guard.sweep(Instant.now().plusSeconds(1));

        assertEquals(1, healthy.expiries);
    }

    /** Closes its connection when asked to shut down, as every protocol does. */
    private static final class Closing extends Recorder {
        ConnectionGuard.Guarded connection;

        @Override
        public void shuttingDown() {
            super.shuttingDown();
            connection.closed();
        }
    }

    private static Closing admitClosing(ConnectionGuard guard, Protocol protocol, String user) {
        Closing target = new Closing();
        target.connection = guard.admit(protocol, user, FAR, Duration.ZERO, target).orElseThrow();
        return target;
    }

    @Test
    void asksEveryOpenConnectionToCloseWhenTheApplicationStopsAndLogsEachProtocolsCount() {
        ConnectionGuard guard = guard(0, Duration.ZERO);
        Closing first = admitClosing(guard, Protocol.A, "alice");
        Closing second = admitClosing(guard, Protocol.A, "bob");
        Closing other = admitClosing(guard, Protocol.C, "alice");
        Closing gone = admitClosing(guard, Protocol.B, "alice");
        gone.connection.closed();
        List<String> lines;
        try (LogRecorder log = LogRecorder.of(ConnectionGuard.class)) {
            guard.goingAway(new ApplicationStopping());
            lines = log.messages();
        }

        assertEquals(List.of(1, 1, 1, 0), List.of(first.shutdowns, second.shutdowns, other.shutdowns, gone.shutdowns),
                "a connection that closed is not asked again");
        assertEquals(List.of("Shutting down: closed 2 'upload' connection(s)",
                "Shutting down: closed 0 'galileo' connection(s)",
                "Shutting down: closed 1 'stream' connection(s)"), lines);
    }
}
