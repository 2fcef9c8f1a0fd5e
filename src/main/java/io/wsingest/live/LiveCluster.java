package io.wsingest.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.wsingest.concurrency.PeriodicTask;
import io.wsingest.cluster.ClusterSettings;
import io.wsingest.cluster.Handovers;
import io.wsingest.cluster.Lease;
import io.wsingest.cluster.LeaseHolder;
import io.wsingest.cluster.ThisNode;
import io.wsingest.relay.ChannelBusyException;

/**
 * Live streaming across the nodes of a cluster, after SRS's origin/edge model. The node whose publisher starts a
 * stream is its origin: it enters the channel in the {@link ChannelDirectory}, renews the entry while the stream runs
 * and removes it at the end. A node where receivers wait for a channel that another node publishes is an edge: it
 * pulls the stream from the origin over one connection ({@link EdgePull}) and fans it out to its own receivers, however
 * many. Once a second a round on each node starts the pulls its waiting receivers need, stops those whose origin
 * stream is gone from the directory (the origin died: at most a lease after its last renewal) or that no receiver here
 * watches any more, and sends the pulls' heartbeats.
 */
@ApplicationScoped
public class LiveCluster implements LiveAdmission.Cluster, LeaseHolder {

    private static final Logger LOG = Logger.getLogger(LiveCluster.class.getName());
    /** How often the pulls are checked against the directory and sent their heartbeats. */
    private static final Duration ROUND_PERIOD = Duration.ofSeconds(1);
    /** Rounds (seconds) a pull goes on with no receiver here, so that one who reconnects at once finds it. */
    private static final int UNWATCHED_ROUNDS = 2;

    @Inject
    EdgeSettings settings;

    @Inject
    LiveSettings live;

    @Inject
    ClusterSettings cluster;

    @Inject
    ChannelDirectory directory;

    @Inject
    Handovers handovers;

    @Inject
    ThisNode node;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    private final Clock clock = Clock.systemUTC();
    private final ConcurrentHashMap<String, EdgePull> pulls = new ConcurrentHashMap<>();
    /** Only the round touches it. */
    private final Map<String, Integer> unwatched = new HashMap<>();
    private volatile LiveRelay relay;
    private volatile PullToken tokens;
    private volatile HttpClient http;
    private PeriodicTask rounds;
    private long lastHeartbeatNanos = System.nanoTime();

    /** Whether this node takes part ({@code wsingest.cluster.node-url} is set). */
    public boolean enabled() {
        return settings.enabled();
    }

    /** Starts the rounds over this node's relay; only when {@link #enabled()}. */
    void start(LiveRelay relay) {
        this.relay = relay;
        this.tokens = new PullToken(settings.password().orElseThrow());
        this.http = HttpClient.newBuilder().executor(executor).build();
        rounds = PeriodicTask.every(ROUND_PERIOD, scheduler, LOG, () -> "The live cluster round", this::round);
        LOG.info(() -> "Live channels across the cluster: this node is " + settings.nodeUrl().orElseThrow());
    }

    @PreDestroy
    void stop() {
        if (rounds != null) {
            rounds.stop();
        }
        pulls.values().forEach(pull -> pull.stop("the application stops"));
    }

    /** Whether a pull of the stream came with the cluster's token for it. */
    boolean mayPull(String channel, String streamId, String token) {
        return tokens != null && channel != null && streamId != null && token != null
                && tokens.matches(token, channel, streamId);
    }

    @Override
    public boolean publishedElsewhere(String channel) {
        return directory.published(List.of(channel), clock.instant()).stream()
                .anyMatch(origin -> !origin.owner().equals(node.leaseOwner()));
    }

    @Override
    public boolean claim(String channel, String streamId, byte[] receiverKeyHash) {
        URI url = settings.nodeUrl().orElseThrow();
        Instant now = clock.instant();
        Lease lease = handovers.newLease();
        ChannelDirectory.Claim claim = directory.takeOver(channel, streamId, url, receiverKeyHash, lease, now);
        if (claim == ChannelDirectory.Claim.ABSENT) {
            try {
                directory.insert(channel, streamId, url, receiverKeyHash, lease);
                return true;
            } catch (RuntimeException e) {
                // Another node entered the channel meanwhile (its primary key), or the database failed: look again.
                claim = directory.takeOver(channel, streamId, url, receiverKeyHash, lease, now);
                if (claim == ChannelDirectory.Claim.ABSENT) {
                    throw e;
                }
            }
        }
        return claim == ChannelDirectory.Claim.TAKEN;
    }

    @Override
    public void release(String channel, String streamId) {
        try {
            directory.release(channel, streamId, node.leaseOwner());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove the ended stream " + streamId + " of channel " + channel
                    + " from the channel directory; its entry runs out within " + cluster.leaseDuration().toSeconds() + " s", e);
        }
    }

    @Override
    public void receiverWaiting(String channel) {
        try {
            executor.execute(() -> pullFromOrigins(List.of(channel)));
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    @Override
    public String name() {
        return "live channels";
    }

    /** Renews the entries of the streams published on this node (not those it pulls). */
    @Override
    public void renewLeases(String owner, Instant now, Instant until) {
        LiveRelay local = relay;
        if (local == null) {
            return;
        }
        List<String> published = local.channels().stream()
                .filter(ChannelState::publishing)
                .map(ChannelState::channel)
                .filter(channel -> !pulls.containsKey(channel))
                .toList();
        directory.renew(owner, published, until);
    }

    private void round() {
        Map<String, ChannelState> states = relay.channels().stream()
                .collect(Collectors.toMap(ChannelState::channel, Function.identity()));
        // The pulls as they were before the directory was read: one started meanwhile is not in its answer.
        List<EdgePull> current = List.copyOf(pulls.values());
        Set<String> asked = current.stream().map(EdgePull::channel).collect(Collectors.toCollection(HashSet::new));
        states.values().stream()
                .filter(state -> !state.publishing() && state.waitingReceivers() > 0)
                .forEach(state -> asked.add(state.channel()));
        Map<String, ChannelDirectory.Origin> origins = directory.published(asked, clock.instant()).stream()
                .collect(Collectors.toMap(ChannelDirectory.Origin::channel, Function.identity()));
        checkPulls(current, states, origins);
        origins.values().forEach(this::startPull);
    }

    /**
     * Stops the pulls whose origin stream is over, whose origin went silent (a connection that broke without a
     * close) or that nobody here watches; heartbeats to the others.
     */
    private void checkPulls(List<EdgePull> current, Map<String, ChannelState> states,
            Map<String, ChannelDirectory.Origin> origins) {
        unwatched.keySet().retainAll(pulls.keySet());
        long now = System.nanoTime();
        for (EdgePull pull : current) {
            ChannelDirectory.Origin origin = origins.get(pull.channel());
            if (origin == null || !origin.streamId().equals(pull.streamId())) {
                pull.stop("the origin's stream is no longer in the channel directory");
                continue;
            }
            if (live.closesIdleConnections() && pull.silentFor(live.idleTimeout(), now)) {
                pull.stop("nothing came from the origin for " + live.idleTimeout().toSeconds() + " s");
                continue;
            }
            ChannelState state = states.get(pull.channel());
            boolean watched = state != null && state.receivers() + state.waitingReceivers() > 0;
            int rounds = watched ? 0 : unwatched.getOrDefault(pull.channel(), 0) + 1;
            unwatched.put(pull.channel(), rounds);
            if (rounds >= UNWATCHED_ROUNDS) {
                pull.stop("no receiver on this node watches it");
            }
        }
        if (now - lastHeartbeatNanos >= live.heartbeat().toNanos() - LiveRelay.SWEEP_TOLERANCE.toNanos()) {
            lastHeartbeatNanos = now;
            pulls.values().forEach(EdgePull::heartbeat);
        }
    }

    private void pullFromOrigins(Collection<String> channels) {
        try {
            directory.published(channels, clock.instant()).forEach(this::startPull);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look up " + channels + " in the channel directory; trying again in the"
                    + " next round", e);
        }
    }

    /** Pulls the origin's stream for this node's receivers, unless it is this node's or pulled already. */
    private synchronized void startPull(ChannelDirectory.Origin origin) {
        if (origin.owner().equals(node.leaseOwner()) || pulls.containsKey(origin.channel())) {
            return;
        }
        LiveStream stream;
        try {
            stream = relay.publishInternally(origin.channel(), origin.receiverKeyHash(), origin.streamId(),
                    "origin " + origin.owner());
        } catch (ChannelBusyException e) {
            return; // this node has a stream on the channel already
        }
        EdgePull pull = new EdgePull(relay, stream, live.maxChunkBytes(), ended -> {
            pulls.remove(ended.channel(), ended);
            LOG.info(() -> "Live channel " + ended.channel() + ": the pull of stream " + ended.streamId() + " from "
                    + origin.owner() + " ended (" + ended.endReason() + "); its receivers on this node are ended");
        });
        pulls.put(origin.channel(), pull);
        LOG.info(() -> "Live channel " + origin.channel() + ": pulling stream " + origin.streamId() + " from "
                + origin.owner() + " at " + origin.nodeUrl());
        pull.connect(http, EdgePull.address(origin.nodeUrl(), origin.channel(), origin.streamId(),
                tokens.of(origin.channel(), origin.streamId())));
    }
}
