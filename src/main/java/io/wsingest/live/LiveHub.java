package io.wsingest.live;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.JMException;
import javax.management.ObjectName;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.websocket.Session;

import io.wsingest.concurrency.PeriodicTask;
import io.wsingest.metrics.Meter;
import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.Protocol;
import io.wsingest.relay.ChannelBusyException;
import io.wsingest.relay.Publication;
import io.wsingest.relay.StreamRelay;
import io.wsingest.websocket.ApplicationStopping;
import io.wsingest.websocket.ClientAddress;
import io.wsingest.websocket.CloseReasons;
import io.wsingest.websocket.SessionTransport;
import io.wsingest.websocket.ShutdownCloses;

/**
 * The live streaming relay of this node: the channels, the one heartbeat task for all connections, the figures (also
 * as the MBean {@value LiveRelayJmx#NAME}), and the {@link StreamRelay} that protocol A publishes through.
 */
@ApplicationScoped
public class LiveHub implements StreamRelay {

    private static final Logger LOG = Logger.getLogger(LiveHub.class.getName());
    /** How often heartbeats go out and idle connections are looked for. */
    private static final Duration SWEEP_PERIOD = Duration.ofSeconds(1);
    /** What the shutdown's log line calls this protocol's connections. */
    private static final String PROTOCOL = "live";

    @Inject
    LiveSettings settings;

    @Inject
    DatabaseKeyStore keys;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Metrics metrics;

    @Inject
    LiveCluster cluster;

    private LiveAdmission admission;
    private PeriodicTask heartbeats;
    private ObjectName mbean;

    @PostConstruct
    void init() {
        CallbackClient coordinator = settings.keyMode() == KeyMode.CALLBACK
                ? new HttpCallbackClient(settings.callbackTimeout(), executor) : null;
        LiveLog log = new LiveLog(coordinator == null ? (stream, duration) -> { }
                : new PublishEndCallback(settings.callbackUrl().orElseThrow(), settings.callbackTimeout(),
                        settings.callbackEndAttempts(), PublishEndCallback.FIRST_RETRY_DELAY, coordinator,
                        scheduler)::streamEnded);
        LiveRelay relay = new LiveRelay(settings.gopCacheBytes(), settings.gopCacheBudgetBytes(),
                settings.maxChannels(), settings.receiverQueueBytes(), Clock.systemUTC(), System::nanoTime, log);
        KeyPolicy policy = switch (settings.keyMode()) {
            case OPEN -> KeyPolicy.open();
            case STATIC -> new StaticKeyPolicy(keys);
            case CALLBACK -> new CallbackKeyPolicy(settings.callbackUrl().orElseThrow(), settings.callbackTimeout(),
                    coordinator);
        };
        admission = new LiveAdmission(settings, policy, relay, log, () -> UUID.randomUUID().toString(),
                cluster.enabled() ? cluster : LiveAdmission.Cluster.SINGLE_NODE);
        if (cluster.enabled()) {
            cluster.start(relay);
        }
        registerMeters();
    }

    /** Protocol E's figures are the relay's own counts, read at each scrape: fan-out counts nothing more. */
    private void registerMeters() {
        metrics.gauge(Meter.CONNECTIONS_OPEN, Protocol.E, () -> figures().connections());
        metrics.counted(Meter.CONNECTIONS_OPENED, Protocol.E, () -> figures().connectionsOpened());
        metrics.counted(Meter.RECEIVED_BYTES, Protocol.E, () -> figures().bytesIn());
        metrics.counted(Meter.SENT_BYTES, Protocol.E, () -> figures().bytesOut());
        metrics.gauge(Meter.LIVE_CHANNELS, () -> figures().activeChannels());
        metrics.gauge(Meter.LIVE_RECEIVERS, () -> figures().receivers() + figures().waitingReceivers());
        metrics.counted(Meter.LIVE_RECEIVERS_CUT_OFF, () -> figures().receiversDroppedTooSlow());
        metrics.gauge(Meter.LIVE_CACHE_BYTES, () -> figures().cacheBytes());
        metrics.gauge(Meter.LIVE_CACHE_BUDGET_BYTES, () -> figures().cacheBudgetBytes());
    }

    /** At start-up: the heartbeat task and the MBean. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        heartbeats = PeriodicTask.every(SWEEP_PERIOD, scheduler, LOG, () -> "The live heartbeat round",
                () -> admission.relay().sweep(settings.heartbeat(), settings.idleTimeout()));
        try {
            mbean = LiveRelayJmx.register(ManagementFactory.getPlatformMBeanServer(), this::figures);
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not register the MBean " + LiveRelayJmx.NAME, e);
        }
        LOG.info(() -> "Live streaming relay at /{channel}/{key}/{kind}: " + settings);
    }

    @PreDestroy
    void stop() {
        if (heartbeats != null) {
            heartbeats.stop();
        }
        if (mbean != null) {
            try {
                LiveRelayJmx.unregister(ManagementFactory.getPlatformMBeanServer(), mbean);
            } catch (JMException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not unregister the MBean " + LiveRelayJmx.NAME, e);
            }
        }
    }

    /**
     * Closes every live connection with {@link LiveClose#SHUTDOWN} while the application still works, before the
     * container closes what is left, waits for the closes and logs how many. Before protocol A closes its
     * connections: the receivers of a project's stream hear that the server shuts down, not that the stream ended.
     */
    void closeConnections(@Observes @Priority(Interceptor.Priority.APPLICATION) ApplicationStopping event) {
        List<CompletableFuture<Void>> closes = admission.relay().shutdown();
        long stillOpen = ShutdownCloses.await(closes);
        LOG.info(ShutdownCloses.summary(PROTOCOL, closes.size(), stillOpen));
    }

    /**
     * Opens a WebSocket connection (the endpoint's {@code @OnOpen}); may block while the key is checked.
     */
    LiveAdmission.Handler open(Session session, String channel, String key, String kind) {
        limit(session);
        String address = ClientAddress.of(session).orElse(null);
        return admission.open(address, channel, key, kind, new SessionTransport(session),
                close -> close(session, close));
    }

    /**
     * Opens another node's pull of a stream of this node (the pull endpoint's {@code @OnOpen}), if it came with the
     * cluster's token for the stream.
     */
    LiveAdmission.Handler openPull(Session session, String channel, String streamId, String token) {
        limit(session);
        return admission.openPull(ClientAddress.of(session).orElse(null), channel, streamId,
                cluster.mayPull(channel, streamId, token), new SessionTransport(session),
                close -> close(session, close));
    }

    private void limit(Session session) {
        // The relay counts a message's parts against max-chunk-bytes itself and says why it refuses one: the
        // container's limit (a bare 1009) stays out of its way.
        session.setMaxBinaryMessageBufferSize((int) Math.min(Integer.MAX_VALUE, 2 * settings.maxChunkBytes()));
        session.setMaxTextMessageBufferSize(64 * 1024);
        if (settings.closesIdleConnections() && closeWaitsForThePeer(session)) {
            // A backstop for a peer that reads nothing and so cannot even be closed: the container drops the
            // connection after twice the idle timeout without traffic. The relay's own idle rule comes first.
            session.setMaxIdleTimeout(settings.idleTimeout().toMillis() * 2);
        }
    }

    /**
     * Whether a close can hang on a peer that reads nothing. Undertow (WildFly) keeps the connection until its close
     * frame is written. Tyrus (Payara) queues the frame and closes the connection at once, so it needs no backstop,
     * and must not get one: a session's idle timeout set after it opened races Tyrus's own check of the timeout it
     * opened with (none), which then closes the healthy session as idle (about 1 in 500 under a flood).
     */
    private static boolean closeWaitsForThePeer(Session session) {
        return !session.getClass().getName().startsWith("org.glassfish.tyrus.");
    }

    /**
     * {@inheritDoc} Receivers must present the key stored for the channel through
     * {@code PUT /api/live/channels/{channel}/key}, whatever the key mode: without a stored key, nobody can receive it.
     */
    @Override
    public Publication publish(String channel, String origin) throws ChannelBusyException {
        byte[] receiverKey = LivePath.isValidName(channel, settings.maxNameLength())
                ? keys.keyHash(channel).orElse(null)
                : null;
        return admission.publishInternally(channel, origin, receiverKey);
    }

    public LiveFigures figures() {
        return admission.relay().figures();
    }

    public List<ChannelState> channels() {
        return admission.relay().channels();
    }

    public Optional<ChannelState> channel(String name) {
        return admission.relay().channelState(name);
    }

    /** Closes on a managed thread: a close runs the endpoint's close handling, never on the thread that sent. */
    private void close(Session session, LiveClose close) {
        Runnable task = () -> CloseReasons.close(session, close.disconnect());
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // shutting down
        }
    }
}
