package io.wsingest.websocket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.wsingest.concurrency.PeriodicTask;
import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.Protocol;
import io.wsingest.metrics.ProtocolMeters;

/**
 * Bounds the long-lived connections of protocols A to D: at most {@link ConnectionSettings#maxPerUser()} per user and
 * protocol, and none outlives the token it opened with (plus the grace) or, where the protocol asks for it, an idle
 * timeout. One task on the managed scheduler sweeps every guarded connection once a second, so a connection costs no
 * thread; each protocol ends its own connections with its own documented close. When the application stops (undeploy,
 * redeploy, server shutdown) it asks every guarded connection to close with its protocol's shutdown close, waits a
 * little for the closes, and logs how many each protocol closed. It counts each protocol's connections (the
 * {@code protocol} tag of {@code wsingest_connections_open} and {@code wsingest_connections_opened_total}).
 */
@ApplicationScoped
public class ConnectionGuard {

    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class.getName());
    /** How often idle connections and expired tokens are looked for. */
    private static final Duration SWEEP_PERIOD = Duration.ofSeconds(1);

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

        /**
         * The application stops (undeploy, redeploy, server shutdown): end the connection with the protocol's
         * documented shutdown close, after what makes an upload in progress resumable (its bytes durable and
         * recorded) and whatever the protocol tells its clients first. Called once, on the thread that stops the
         * application, while every bean still works; the close itself may complete on another thread.
         */
        void shuttingDown();
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
    private PeriodicTask sweeper;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        sweeper = PeriodicTask.every(SWEEP_PERIOD, scheduler, LOG, () -> "The connection sweep",
                () -> sweep(clock.instant()));
    }

    /**
     * Asks every guarded connection to close with its protocol's shutdown close while the application's beans still
     * work, so that uploads are made resumable and each protocol's close handling runs as for any client that leaves;
     * then waits for the closes ({@link ShutdownCloses}) and logs, per protocol, how many closed.
     */
    void goingAway(@Observes ApplicationStopping event) {
        Map<Protocol, List<Guarded>> byProtocol = new EnumMap<>(Protocol.class);
        limiters.keySet().forEach(protocol -> byProtocol.put(protocol, new ArrayList<>()));
        for (Guarded connection : guarded) {
            byProtocol.computeIfAbsent(connection.protocol, p -> new ArrayList<>()).add(connection);
            try {
                connection.target.shuttingDown();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Closing a " + connection.protocol + " connection at shutdown failed", e);
            }
        }
        ShutdownCloses.await(closesOf(byProtocol));
        byProtocol.forEach((protocol, connections) -> {
            long open = connections.stream().filter(connection -> !connection.gone.isDone()).count();
            LOG.info(ShutdownCloses.summary(protocol.logName(), connections.size(), open));
        });
    }

    private static List<CompletableFuture<Void>> closesOf(Map<Protocol, List<Guarded>> byProtocol) {
        return byProtocol.values().stream().flatMap(List::stream).map(connection -> connection.gone).toList();
    }

    @PreDestroy
    void stop() {
        if (sweeper != null) {
            sweeper.stop();
        }
    }

    /**
     * Admits a connection of the user to the protocol and watches it until {@link Guarded#closed()}; empty when the
     * user already holds {@link #maxPerUser()} connections to the protocol (then the protocol refuses it).
     *
     * @param protocol    the protocol; each protocol counts a user's connections on its own
     * @param tokenExpiry the {@code exp} of the token the connection opened with
     * @param idleTimeout zero when the protocol watches idleness itself
     */
    public Optional<Guarded> admit(Protocol protocol, String userId, Instant tokenExpiry, Duration idleTimeout,
                                   Target target) {
        ConnectionLimiter limiter = limiters.computeIfAbsent(protocol, p -> new ConnectionLimiter(settings.maxPerUser()));
        return limiter.tryAcquire(userId).map(permit -> {
            ProtocolMeters meters = metrics.protocol(protocol);
            Guarded connection = new Guarded(protocol,
                    new ConnectionDeadlines(tokenExpiry, settings.expiryGrace(), idleTimeout, clock.instant()),
                    target, permit, meters);
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
        private final Target target;
        private final ConnectionLimiter.Permit permit;
        private final ProtocolMeters meters;
        /** Completed by {@link #closed()}: what the application's stop waits for. */
        private final CompletableFuture<Void> gone = new CompletableFuture<>();

        private Guarded(Protocol protocol, ConnectionDeadlines deadlines, Target target,
                        ConnectionLimiter.Permit permit, ProtocolMeters meters) {
            this.protocol = protocol;
            this.deadlines = deadlines;
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
            if (gone.complete(null)) {
                meters.connectionClosed();
            }
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
