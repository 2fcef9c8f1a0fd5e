package io.wsingest.websocket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.Protocol;
import io.wsingest.metrics.ProtocolMeters;

/**
 * Bounds the long-lived connections of protocols A to D: at most {@link ConnectionSettings#maxPerUser()} per user and
 * protocol, and none outlives the token it opened with (plus the grace) or, where the protocol asks for it, an idle
 * timeout. One task on the managed scheduler sweeps every guarded connection once a second, so a connection costs no
 * thread; each protocol ends its own connections with its own documented close. When the application stops (undeploy,
 * server shutdown) it closes every guarded connection with 1001 Going Away. It counts each protocol's connections
 * (the {@code protocol} tag of {@code wsingest_connections_open} and {@code wsingest_connections_opened_total}).
 */
@ApplicationScoped
public class ConnectionGuard {

    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class.getName());

    static final Disconnect GOING_AWAY = new Disconnect(CloseReason.CloseCodes.GOING_AWAY.getCode(),
            "Server shutting down");

    /** What the sweep asks of a connection; called on the sweep's thread, so it must be thread-safe. */
    public interface Target {
        /**
         * The token expired, grace included: end the connection with the protocol's unauthorised close, unless a
         * transfer is in progress (an upload is never cut by the clock). Asked again at every sweep until it ends.
         *
         * @return whether the connection ends
         */
        boolean tokenExpired();

        /**
         * Nothing arrived for the idle timeout: end the connection with the protocol's idle close. Only asked of
         * connections admitted with an idle timeout; a protocol that watches idleness itself admits them with none.
         */
        default void idle() {
        }
    }

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ConnectionSettings settings;

    @Inject
    Metrics metrics;

    /** Replaced by tests. */
    Clock clock = Clock.systemUTC();
    private final Set<Guarded> guarded = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Protocol, ConnectionLimiter> limiters = new ConcurrentHashMap<>();
    private ScheduledFuture<?> sweeper;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        sweeper = scheduler.scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Closes every guarded connection while the application's beans still work, so that each protocol's close handling
     * runs as for any client that leaves. Undertow would close the sessions of an undeployed application itself, Tyrus
     * leaves them open.
     */
    void goingAway(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        for (Guarded connection : guarded) {
            CloseReasons.close(connection.session, GOING_AWAY);
        }
    }

    @PreDestroy
    void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
    }

    /**
     * Admits a connection of the user to the protocol and watches it until {@link Guarded#closed()}; empty when the
     * user already holds {@link #maxPerUser()} connections to the protocol (then the protocol refuses it).
     *
     * @param protocol    the protocol; each protocol counts a user's connections on its own
     * @param session     the connection, closed with 1001 Going Away when the application stops
     * @param tokenExpiry the {@code exp} of the token the connection opened with
     * @param idleTimeout zero when the protocol watches idleness itself
     */
    public Optional<Guarded> admit(Protocol protocol, Session session, String userId, Instant tokenExpiry,
                                   Duration idleTimeout, Target target) {
        ConnectionLimiter limiter = limiters.computeIfAbsent(protocol, p -> new ConnectionLimiter(settings.maxPerUser()));
        return limiter.tryAcquire(userId).map(permit -> {
            ProtocolMeters meters = metrics.protocol(protocol);
            Guarded connection = new Guarded(protocol,
                    new ConnectionDeadlines(tokenExpiry, settings.expiryGrace(), idleTimeout, clock.instant()),
                    session, target, permit, meters);
            guarded.add(connection);
            meters.connectionOpened();
            return connection;
        });
    }

    /** The most connections one user may hold per protocol; 0 for no limit. */
    public int maxPerUser() {
        return settings.maxPerUser();
    }

    /** The connections watched now, by their protocol. */
    public Map<Protocol, Long> openConnections() {
        return guarded.stream().collect(Collectors.groupingBy(connection -> connection.protocol, Collectors.counting()));
    }

    /** One admitted connection. */
    public final class Guarded {

        private final Protocol protocol;
        private final ConnectionDeadlines deadlines;
        private final Session session;
        private final Target target;
        private final ConnectionLimiter.Permit permit;
        private final ProtocolMeters meters;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Guarded(Protocol protocol, ConnectionDeadlines deadlines, Session session, Target target,
                        ConnectionLimiter.Permit permit, ProtocolMeters meters) {
            this.protocol = protocol;
            this.deadlines = deadlines;
            this.session = session;
            this.target = target;
            this.permit = permit;
            this.meters = meters;
        }

        /** Something arrived from the client: the idle timeout starts again. */
        public void heard() {
            deadlines.heard(clock.instant());
        }

        /** The connection closed: it no longer counts and is no longer watched. Safe to call more than once. */
        public void closed() {
            guarded.remove(this);
            permit.release();
            if (open.compareAndSet(true, false)) {
                meters.connectionClosed();
            }
        }
    }

    private void sweep() {
        try {
            sweep(clock.instant());
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again.
            LOG.log(Level.SEVERE, "The connection sweep failed", e);
        }
    }

    /** Ends what is due at {@code now}. */
    void sweep(Instant now) {
        for (Guarded connection : guarded) {
            ConnectionDeadlines.Due due = connection.deadlines.due(now);
            try {
                boolean ends = switch (due) {
                    case NONE -> false;
                    case TOKEN_EXPIRED -> connection.target.tokenExpired();
                    case IDLE -> {
                        connection.target.idle();
                        yield true;
                    }
                };
                if (ends) {
                    // Its close releases the permit; until then it is not asked again.
                    guarded.remove(connection);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Ending a connection (" + due + ") failed", e);
                guarded.remove(connection);
            }
        }
    }
}
