package io.wsingest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.junit.jupiter.api.Test;

import io.wsingest.metrics.Meter;
import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.Protocol;

/** The guard without a container: admission by user and protocol, and one sweep at a chosen instant. */
class ConnectionGuardTest {

    private static final Instant FAR = Instant.now().plusSeconds(3600);
    private static final Session SESSION = session(new ArrayList<>());

    /** An open session that records its closes. */
    private static Session session(List<CloseReason> closes) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> true;
                    case "close" -> closes.add((CloseReason) args[0]);
                    default -> null;
                });
    }

    /** Counts what the sweep asked; busy while {@code busy} is set. */
    private static final class Recorder implements ConnectionGuard.Target {
        boolean busy;
        int expiries;
        int idles;

        @Override
        public boolean tokenExpired() {
            expiries++;
            return !busy;
        }

        @Override
        public void idle() {
            idles++;
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
        ConnectionGuard.Guarded first = guard.admit(Protocol.B, SESSION, "alice", FAR, Duration.ZERO, new Recorder())
                .orElseThrow();
        guard.admit(Protocol.B, SESSION, "bob", FAR, Duration.ZERO, new Recorder()).orElseThrow();
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
        Optional<ConnectionGuard.Guarded> first = guard.admit(Protocol.A, SESSION, "alice", FAR, Duration.ZERO, target);
        assertTrue(first.isPresent());
        assertTrue(guard.admit(Protocol.A, SESSION, "alice", FAR, Duration.ZERO, target).isPresent());

        assertTrue(guard.admit(Protocol.A, SESSION, "alice", FAR, Duration.ZERO, target).isEmpty());
        assertTrue(guard.admit(Protocol.B, SESSION, "alice", FAR, Duration.ZERO, target).isPresent(), "another protocol");
        assertTrue(guard.admit(Protocol.A, SESSION, "bob", FAR, Duration.ZERO, target).isPresent(), "another user");

        first.get().closed();
        first.get().closed(); // twice is harmless
        assertTrue(guard.admit(Protocol.A, SESSION, "alice", FAR, Duration.ZERO, target).isPresent());
        assertTrue(guard.admit(Protocol.A, SESSION, "alice", FAR, Duration.ZERO, target).isEmpty());
    }

    @Test
    void countsOpenConnectionsByProtocolUntilTheyClose() {
        ConnectionGuard guard = guard(0, Duration.ZERO);
        Recorder target = new Recorder();
        ConnectionGuard.Guarded first = guard.admit(Protocol.A, SESSION, "alice", FAR, Duration.ZERO, target)
                .orElseThrow();
        guard.admit(Protocol.A, SESSION, "bob", FAR, Duration.ZERO, target).orElseThrow();
        guard.admit(Protocol.B, SESSION, "alice", FAR, Duration.ZERO, target).orElseThrow();
        assertEquals(Map.of(Protocol.A, 2L, Protocol.B, 1L), guard.openConnections());

        first.closed();
        assertEquals(Map.of(Protocol.A, 1L, Protocol.B, 1L), guard.openConnections());
    }

    @Test
    void endsAConnectionWhoseTokenExpiredOnceTheGracePassed() {
        ConnectionGuard guard = guard(0, Duration.ofSeconds(30));
        Instant expiry = Instant.now().plusSeconds(60);
        Recorder target = new Recorder();
        guard.admit(Protocol.D, SESSION, "alice", expiry, Duration.ZERO, target).orElseThrow();

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
        guard.admit(Protocol.A, SESSION, "alice", expiry, Duration.ZERO, target).orElseThrow();

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
        guard.admit(Protocol.C, SESSION, "alice", opened.plusSeconds(3600), Duration.ofSeconds(10), silent).orElseThrow();
        ConnectionGuard.Guarded speaker = guard.admit(Protocol.C, SESSION, "bob", opened.plusSeconds(3600), Duration.ofSeconds(10),
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
        guard.admit(Protocol.D, SESSION, "alice", Instant.now(), Duration.ZERO, target).orElseThrow().closed();

        guard.sweep(Instant.now().plusSeconds(60));

        assertEquals(0, target.expiries);
    }

    @Test
    void aFailingConnectionDoesNotStopTheSweep() {
        ConnectionGuard guard = guard(0, Duration.ZERO);
        Recorder healthy = new Recorder();
        guard.admit(Protocol.D, SESSION, "alice", Instant.now(), Duration.ZERO, () -> {
            throw new IllegalStateException("broken");
        }).orElseThrow();
        guard.admit(Protocol.D, SESSION, "bob", Instant.now(), Duration.ZERO, healthy).orElseThrow();

        guard.sweep(Instant.now().plusSeconds(1));

        assertEquals(1, healthy.expiries);
    }

    @Test
    void closesEveryOpenConnectionWithGoingAwayWhenTheApplicationStops() {
        ConnectionGuard guard = guard(0, Duration.ZERO);
        List<CloseReason> open = new ArrayList<>();
        List<CloseReason> left = new ArrayList<>();
        guard.admit(Protocol.A, session(open), "alice", FAR, Duration.ZERO, new Recorder()).orElseThrow();
        guard.admit(Protocol.A, session(left), "alice", FAR, Duration.ZERO, new Recorder()).orElseThrow().closed();

        guard.goingAway(ApplicationScoped.class);

        assertEquals(1, open.size());
        assertEquals(1001, open.get(0).getCloseCode().getCode());
        assertEquals("Server shutting down", open.get(0).getReasonPhrase());
        assertTrue(left.isEmpty(), "a connection that closed is not closed again");
    }
}
