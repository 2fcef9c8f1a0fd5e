package io.wsingest.live;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.wsingest.relay.ChannelBusyException;
import io.wsingest.websocket.Outbox;

/**
 * The channels and connections of the relay: publishing, receiving, fan-out, stream ends, heartbeats and idle
 * connections, and the figures. Plain Java and thread-safe; the WebSocket endpoint and internal publications drive
 * it, tests drive it with fake transports.
 *
 * <p>Fan-out: the publisher's thread puts a chunk in the cache and takes the channel's receivers under the channel's
 * lock, then, without any lock, hands each receiver its own read-only view of the same bytes. Each receiver's
 * {@link Outbox} sends asynchronously; a receiver that falls behind is cut off, never waited for.
 */
public final class LiveRelay {

    /** What operators hear about streams. */
    public interface Events {
        void streamStarted(LiveStreamInfo stream);

        void streamEnded(LiveStreamInfo stream, Duration duration);

        /** A connection was refused; {@code channel} and {@code kind} are null when the path was invalid. */
        void refused(String channel, ConnectionKind kind, String address, LiveRefusal refusal);

        /** The server cut a connection off: {@code why} is too slow or idle. */
        void cutOff(String channel, ConnectionKind kind, String address, LiveClose why);
    }

    /** A stream's identity and totals, for the log. */
    public record LiveStreamInfo(String channel, String streamId, String publisher, boolean internal, long bytesIn,
            long bytesOut) {
    }

    /** Half a round of the heartbeat task, which runs once a second. */
    static final Duration SWEEP_TOLERANCE = Duration.ofMillis(500);

    /** The outbox of a connection that only gets heartbeats and its last error. */
    static final long CONTROL_OUTBOX_BYTES = 64 * 1024;

    private final ConcurrentHashMap<String, LiveChannel> channels = new ConcurrentHashMap<>();
    private final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger channelCount = new AtomicInteger();
    private final long cacheBytes;
    private final CacheBudget cacheBudget;
    private final int maxChannels;
    private final long receiverQueueBytes;
    private final Clock clock;
    private final LongSupplier nanoClock;
    private final Events events;

    private final AtomicLong connectionIds = new AtomicLong();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder droppedTooSlow = new LongAdder();
    private final LongAdder cacheBytesTrimmed = new LongAdder();
    private final LongAdder streamsStarted = new LongAdder();
    private final LongAdder streamsEnded = new LongAdder();

    /**
     * @param cacheBytes       each channel's cache limit
     * @param cacheBudgetBytes the limit of every channel's cache together
     * @param maxChannels      the most channels connections may make (internal publications may go beyond it)
     */
    public LiveRelay(long cacheBytes, long cacheBudgetBytes, int maxChannels, long receiverQueueBytes, Clock clock,
            LongSupplier nanoClock, Events events) {
        this.cacheBytes = cacheBytes;
        this.cacheBudget = new CacheBudget(cacheBudgetBytes);
        this.maxChannels = maxChannels;
        this.receiverQueueBytes = receiverQueueBytes;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.events = events;
    }

    /**
     * A new connection, known to the heartbeat task until {@link #disconnect}. A receiver's outbox can hold the whole
     * cache (its start) plus its queue; its own policy cuts it off long before that when it lags.
     *
     * @param channel null when the path was invalid
     * @param kind    null when the path was invalid
     */
    LiveConnection connect(String address, String channel, ConnectionKind kind, Outbox.Transport transport,
            LiveConnection.Closer closer) {
        boolean receiver = kind != null && kind.receives();
        long outboxBytes = receiver ? cacheBytes + receiverQueueBytes + CONTROL_OUTBOX_BYTES : CONTROL_OUTBOX_BYTES;
        LiveConnection connection = new LiveConnection(connectionIds.incrementAndGet(), address, channel, kind,
                transport, outboxBytes, closer, nanoClock, this::cutOff);
        connections.add(connection);
        return connection;
    }

    /** The session closed: the connection is forgotten (its stream or receiver must be ended or left too). */
    void disconnect(LiveConnection connection) {
        connection.closed();
        connections.remove(connection);
    }

    boolean isPublishing(String channel) {
        LiveChannel existing = channels.get(channel);
        return existing != null && existing.isPublishing();
    }

    /**
     * Starts a connection's stream on the channel.
     *
     * @param receiverKeyHash the hash receivers' keys must match (unless verified already); null: only verified ones
     * @throws LiveRefusal when the channel does not exist and there are already as many as allowed
     */
    LiveStream publish(String channel, byte[] receiverKeyHash, String streamId, LiveConnection publisher)
            throws ChannelBusyException, LiveRefusal {
        while (true) {
            LiveStream stream = start(limitedChannel(channel), receiverKeyHash, streamId, publisher.address(), false);
            if (stream != null) {
                return stream;
            }
        }
    }

    /**
     * Starts a stream from inside the application. It may create a channel beyond the maximum: it comes from an
     * authenticated upload, not from the anonymous traffic the maximum is for.
     */
    LiveStream publishInternally(String channel, byte[] receiverKeyHash, String streamId, String origin)
            throws ChannelBusyException {
        while (true) {
            LiveStream stream = start(unlimitedChannel(channel), receiverKeyHash, streamId, origin, true);
            if (stream != null) {
                return stream;
            }
        }
    }

    /** The stream on the channel, or null when the channel retired between lookup and lock. */
    private LiveStream start(LiveChannel target, byte[] receiverKeyHash, String streamId, String origin,
            boolean internal) throws ChannelBusyException {
        LiveStream stream = new LiveStream(target, streamId, receiverKeyHash, origin, internal, clock.instant(),
                nanoClock.getAsLong());
        LiveChannel.Started started = target.start(stream);
        if (started == null) {
            return null;
        }
        streamsStarted.increment();
        events.streamStarted(info(stream));
        for (LiveReceiver refused : started.refused()) {
            events.refused(target.name, refused.kind, refused.connection.address(),
                    new LiveRefusal(LiveClose.INVALID_STREAMING_KEY, "not the key of the arriving publisher"));
            refused.connection.fail(LiveClose.INVALID_STREAMING_KEY);
        }
        for (LiveChannel.Attach attach : started.attached()) {
            replay(attach);
        }
        return stream;
    }

    /**
     * A receiver connects: it waits for a publisher, joins the stream with the cache first, or is refused with
     * {@code ERROR: Invalid streaming key} when its key is not the stream's.
     *
     * @throws LiveRefusal when the channel does not exist and there are already as many as allowed
     */
    LiveReceiver receive(String channel, LiveConnection connection, ConnectionKind kind, byte[] keyHash,
            boolean keyVerified) throws LiveRefusal {
        while (true) {
            LiveChannel target = limitedChannel(channel);
            LiveReceiver receiver = new LiveReceiver(connection, target, kind, keyHash, keyVerified,
                    receiverQueueBytes);
            LiveChannel.Join join = target.join(receiver);
            if (join instanceof LiveChannel.Join.Retired) {
                continue;
            }
            if (join instanceof LiveChannel.Join.WrongKey) {
                events.refused(channel, kind, connection.address(),
                        new LiveRefusal(LiveClose.INVALID_STREAMING_KEY, "not the key of the stream"));
                connection.fail(LiveClose.INVALID_STREAMING_KEY);
            } else if (join instanceof LiveChannel.Join.Attached attached) {
                replay(attached.attach());
            }
            return receiver;
        }
    }

    /**
     * Another node pulls the stream {@code streamId} of the channel (its key was checked by the token): it gets the
     * cache, then the live chunks, as a receiver. It never waits for a publisher.
     *
     * @return the receiver, or null when that stream is not the channel's now
     */
    LiveReceiver receiveStream(String channel, String streamId, LiveConnection connection) {
        LiveChannel target = channels.get(channel);
        if (target == null) {
            return null;
        }
        LiveReceiver receiver = new LiveReceiver(connection, target, ConnectionKind.RECEIVE, null, true,
                receiverQueueBytes, EdgePull.LIVE_FROM_HERE);
        LiveChannel.Attach attach = target.joinStream(receiver, streamId);
        if (attach == null) {
            return null;
        }
        replay(attach);
        return receiver;
    }

    /**
     * One chunk from the publisher's thread; {@code chunk} must be a read-only buffer the caller owns and never
     * changes (the cache and every receiver share it). Returns false when the stream is no longer current.
     */
    boolean append(LiveStream stream, ByteBuffer chunk) {
        return append(stream, chunk, false);
    }

    /**
     * As {@link #append(LiveStream, ByteBuffer)}; {@code cached}: the chunk is part of the origin's cache that an
     * edge's pull replays, which its receivers count as their start, not as lag.
     */
    boolean append(LiveStream stream, ByteBuffer chunk, boolean cached) {
        long cost = GopCache.cost(chunk);
        boolean reserved = stream.channel.cacheWants(cost) && reserveCache(cost);
        LiveReceiver[] targets = stream.channel.append(stream, chunk, reserved);
        if (targets == null) {
            if (reserved) {
                cacheBudget.release(cost);
            }
            return false;
        }
        long size = chunk.remaining();
        stream.bytesIn.addAndGet(size);
        stream.chunksIn.incrementAndGet();
        bytesIn.add(size);
        List<LiveReceiver> leaving = null;
        for (LiveReceiver receiver : targets) {
            if (receiver.deliver(chunk.duplicate(), cached) != LiveReceiver.Outcome.QUEUED) {
                if (leaving == null) {
                    leaving = new ArrayList<>();
                }
                leaving.add(receiver);
            }
        }
        if (leaving != null) {
            stream.channel.remove(leaving);
        }
        return true;
    }

    /**
     * Holds the bytes of a message still being received against the cache budget, trimming caches as a chunk would.
     *
     * @return false when the budget cannot hold them even with every cache empty
     */
    boolean holdUnfinished(long bytes) {
        return reserveCache(bytes);
    }

    /** Gives back bytes held by {@link #holdUnfinished}. */
    void releaseUnfinished(long bytes) {
        cacheBudget.release(bytes);
    }

    /** The publisher is gone: every receiver is closed after its queued chunks, with {@code Stream ended}. */
    void end(LiveStream stream) {
        LiveReceiver[] ended = stream.channel.end(stream);
        if (ended == null) {
            return;
        }
        streamsEnded.increment();
        events.streamEnded(info(stream), Duration.ofNanos(nanoClock.getAsLong() - stream.startedNanos));
        for (LiveReceiver receiver : ended) {
            receiver.streamEnded();
        }
    }

    /** The receiver's session closed. */
    void leave(LiveReceiver receiver) {
        receiver.channel.remove(List.of(receiver));
    }

    /**
     * The heartbeat task: {@code h} to every connection due one, idle connections closed, and connections that have
     * been ending for too long (their peer reads nothing) closed without waiting for their queue; and each stream's
     * bit rates measured over the round.
     */
    void sweep(Duration heartbeat, Duration idleTimeout) {
        long now = nanoClock.getAsLong();
        // The task runs about once a second: a heartbeat due within half a round goes now, not a round late.
        long heartbeatDue = Math.max(1, heartbeat.toNanos() - SWEEP_TOLERANCE.toNanos());
        long grace = idleTimeout.isZero() ? Duration.ofSeconds(60).toNanos() : idleTimeout.toNanos();
        for (LiveConnection connection : connections) {
            connection.visit(now, heartbeatDue, idleTimeout.toNanos(), grace);
        }
        for (LiveChannel channel : channels.values()) {
            LiveStream stream = channel.stream();
            if (stream != null) {
                stream.sampleRates(now);
            }
        }
    }

    /**
     * The application stops: every connection is closed with {@link LiveClose#SHUTDOWN}, after what is queued.
     *
     * @return one future per connection, completed when its session closed
     */
    List<CompletableFuture<Void>> shutdown() {
        // Publishers last: a publisher's close ends its stream, and a receiver not yet told of the shutdown would
        // then be closed as at the stream's end.
        List<LiveConnection> inOrder = new ArrayList<>(connections);
        inOrder.sort(Comparator.comparing(connection -> connection.kind() == ConnectionKind.PUBLISH));
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (LiveConnection connection : inOrder) {
            connection.finish(LiveClose.SHUTDOWN);
            closes.add(connection.gone());
        }
        return closes;
    }

    public LiveFigures figures() {
        int publishers = 0;
        int receivers = 0;
        int waiting = 0;
        int active = 0;
        for (LiveChannel channel : channels.values()) {
            ChannelState state = channel.state();
            active++;
            publishers += state.publishing() ? 1 : 0;
            receivers += state.receivers();
            waiting += state.waitingReceivers();
        }
        return new LiveFigures(connections.size(), active, publishers, receivers, waiting, bytesIn.sum(),
                bytesOut.sum(), droppedTooSlow.sum(), streamsStarted.sum(), streamsEnded.sum(), cacheBudget.used(),
                cacheBudget.limit(), cacheBytesTrimmed.sum(), connectionIds.get());
    }

    /** Every active channel, by name. */
    public List<ChannelState> channels() {
        List<ChannelState> states = new ArrayList<>();
        for (LiveChannel channel : channels.values()) {
            states.add(channel.state());
        }
        states.sort(Comparator.comparing(ChannelState::channel));
        return states;
    }

    public Optional<ChannelState> channelState(String name) {
        return Optional.ofNullable(channels.get(name)).map(LiveChannel::state);
    }

    /** The channel object itself, for tests that drive its steps one by one. */
    LiveChannel existingChannel(String name) {
        return channels.get(name);
    }

    private void cutOff(LiveConnection connection) {
        LiveClose why = connection.ending();
        if (why == LiveClose.RECEIVER_TOO_SLOW) {
            droppedTooSlow.increment();
        }
        events.cutOff(connection.channel(), connection.kind(), connection.address(), why);
    }

    /**
     * Reserves bytes in the cache budget: a chunk's cost, or a part of an unfinished message. When the budget is
     * spent, the oldest chunks of the largest cache go first, as many as needed, and so on: publishers keep
     * publishing and the channels' caches even out. Runs under no channel's lock (it takes other channels' locks one
     * at a time).
     *
     * @return false when even with every cache empty the bytes do not fit
     */
    private boolean reserveCache(long cost) {
        if (cost > cacheBudget.limit()) {
            return false; // emptying every cache would not make room
        }
        while (!cacheBudget.tryReserve(cost)) {
            LiveChannel largest = null;
            long most = 0;
            for (LiveChannel channel : channels.values()) {
                long cached = channel.cacheCost();
                if (cached > most) {
                    largest = channel;
                    most = cached;
                }
            }
            if (largest == null) {
                return false; // what is left is held by unfinished messages and chunks on their way in
            }
            cacheBytesTrimmed.add(largest.trimCache(cacheBudget.shortfall(cost)));
        }
        return true;
    }

    /** The channel, created if it does not exist and the maximum allows. */
    private LiveChannel limitedChannel(String name) throws LiveRefusal {
        LiveChannel channel = channels.computeIfAbsent(name, n -> {
            // Counted before it exists, so that concurrent creations of different names cannot pass the maximum.
            if (channelCount.incrementAndGet() > maxChannels) {
                channelCount.decrementAndGet();
                return null;
            }
            return newChannel(n);
        });
        if (channel == null) {
            throw new LiveRefusal(LiveClose.TOO_MANY_CHANNELS, "the relay has its " + maxChannels + " channels");
        }
        return channel;
    }

    private LiveChannel unlimitedChannel(String name) {
        return channels.computeIfAbsent(name, n -> {
            channelCount.incrementAndGet();
            return newChannel(n);
        });
    }

    private LiveChannel newChannel(String name) {
        return new LiveChannel(name, cacheBytes, cacheBudget, this::retired, bytesOut);
    }

    private void retired(LiveChannel channel) {
        if (channels.remove(channel.name, channel)) {
            channelCount.decrementAndGet();
        }
    }

    private void replay(LiveChannel.Attach attach) {
        LiveReceiver receiver = attach.receiver();
        if (receiver.replay(attach.snapshot()) != LiveReceiver.Outcome.QUEUED) {
            receiver.channel.remove(List.of(receiver));
        }
    }

    private static LiveStreamInfo info(LiveStream stream) {
        return new LiveStreamInfo(stream.channel.name, stream.streamId, stream.origin, stream.internal,
                stream.bytesIn.get(), stream.bytesOut.sum());
    }
}
