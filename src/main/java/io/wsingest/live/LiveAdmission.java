package io.wsingest.live;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Supplier;

import io.wsingest.relay.ChannelBusyException;
import io.wsingest.relay.Publication;
import io.wsingest.relay.StreamRelay;
import io.wsingest.storage.Sha256;
import io.wsingest.websocket.ConnectionLimiter;
import io.wsingest.websocket.Outbox;

/**
 * Admits connections: validates the path, applies the per-address limit, the receive whitelist and the key policy,
 * then hands the connection to the {@link LiveRelay} as a publisher or a receiver, and gives the endpoint the
 * {@link Handler} its messages go to. Plain Java: the endpoint gives it a transport and a closer over its WebSocket
 * session, tests give it fakes; {@link LiveHub} is the bean that holds it.
 */
public final class LiveAdmission {

    /** What one open connection's messages go to, as admission decided: a publisher, a receiver, or a refusal. */
    public interface Handler {
        /** A TEXT message: a heartbeat ({@code h}) or anything else, which counts as a sign of life only. */
        void text(String text);

        /**
         * A part of a BINARY message, as the container delivers it: a chunk from a publisher, put together up to
         * {@code max-chunk-bytes}; from anyone else, a sign of life only.
         */
        void binary(ByteBuffer part, boolean last);

        /** The connection closed, either side; idempotent. */
        void closed();
    }

    /**
     * The cluster's directory of live channels, as admission uses it: one publisher per channel in the whole
     * cluster, and receivers that wait here for a publisher on another node. May block (database).
     */
    public interface Cluster {
        /** A server of its own: every channel lives on this node. */
        Cluster SINGLE_NODE = new Cluster() {
            @Override
            public boolean publishedElsewhere(String channel) {
                return false;
            }

            @Override
            public boolean claim(String channel, String streamId, byte[] receiverKeyHash) {
                return true;
            }

            @Override
            public void release(String channel, String streamId) {
            }

            @Override
            public void receiverWaiting(String channel) {
            }
        };

        /** Whether a publisher on another node holds the channel now. */
        boolean publishedElsewhere(String channel);

        /** Enters the channel as this node's for the stream; false when a publisher on another node holds it. */
        boolean claim(String channel, String streamId, byte[] receiverKeyHash);

        /** The stream ended (or never started here): the channel is free in the whole cluster. */
        void release(String channel, String streamId);

        /** A receiver waits here for a publisher: another node may have one to pull from. Never blocks. */
        void receiverWaiting(String channel);
    }

    private final LiveSettings settings;
    private final KeyPolicy policy;
    private final LiveRelay relay;
    private final LiveRelay.Events events;
    private final ConnectionLimiter limiter;
    private final Supplier<String> streamIds;
    private final Cluster cluster;

    /** Admission on a server of its own. */
    public LiveAdmission(LiveSettings settings, KeyPolicy policy, LiveRelay relay, LiveRelay.Events events,
            Supplier<String> streamIds) {
        this(settings, policy, relay, events, streamIds, Cluster.SINGLE_NODE);
    }

    public LiveAdmission(LiveSettings settings, KeyPolicy policy, LiveRelay relay, LiveRelay.Events events,
            Supplier<String> streamIds, Cluster cluster) {
        this.cluster = cluster;
        this.settings = settings;
        this.policy = policy;
        this.relay = relay;
        this.events = events;
        this.limiter = new ConnectionLimiter(settings.maxConnectionsPerIp(), settings.connectionLimitExempt()::contains);
        this.streamIds = streamIds;
    }

    public LiveRelay relay() {
        return relay;
    }

    /**
     * Opens a connection to {@code /{channel}/{key}/{kind}}. A refused one gets its {@code ERROR:} message and is
     * closed through the closer; it still gets a handler, for its close. May block (key checks).
     *
     * @param address the client's IP address, or null when the container did not report it (then the per-address
     *                limit does not apply and the receive whitelist refuses)
     */
    public Handler open(String address, String channel, String key, String kind, Outbox.Transport transport,
            LiveConnection.Closer closer) {
        LivePath path;
        try {
            path = LivePath.parse(channel, key, kind, settings.maxNameLength());
        } catch (LiveRefusal refusal) {
            return refuse(relay.connect(address, null, null, transport, closer), null, null, refusal);
        }
        LiveConnection connection = relay.connect(address, path.channel(), path.kind(), transport, closer);
        Optional<ConnectionLimiter.Permit> permit = limiter.tryAcquire(address);
        if (permit.isEmpty()) {
            return refuse(connection, path, null, new LiveRefusal(LiveClose.TOO_MANY_CONNECTIONS,
                    limiter.count(address) + " open from this address"));
        }
        try {
            return path.kind().receives()
                    ? openReceiver(path, connection, permit.get())
                    : openPublisher(path, connection, permit.get());
        } catch (LiveRefusal refusal) {
            return refuse(connection, path, permit.get(), refusal);
        } catch (RuntimeException e) {
            return refuse(connection, path, permit.get(),
                    new LiveRefusal(LiveClose.INTERNAL_ERROR, e.toString(), e));
        }
    }

    /**
     * Starts a stream from inside the application. Receivers must present the key whose hash is given (static keys:
     * the stored key, checked when they connect, whatever this says).
     *
     * @param receiverKeyHash SHA-256 of the key receivers present; null lets only verified (static) receivers in
     * @throws ChannelBusyException     when the channel already has a publisher
     * @throws IllegalArgumentException when the channel name is not valid
     */
    public Publication publishInternally(String channel, String origin, byte[] receiverKeyHash)
            throws ChannelBusyException {
        if (!LivePath.isValidName(channel, settings.maxNameLength())) {
            throw new IllegalArgumentException("Not a valid channel name: " + channel);
        }
        String streamId = streamIds.get();
        if (relay.isPublishing(channel) || !cluster.claim(channel, streamId, receiverKeyHash)) {
            throw new ChannelBusyException(channel);
        }
        try {
            return new InternalPublication(relay.publishInternally(channel, receiverKeyHash, streamId, origin));
        } catch (ChannelBusyException | RuntimeException e) {
            cluster.release(channel, streamId);
            throw e;
        }
    }

    /**
     * Another node pulls the stream {@code streamId} of the channel for its receivers (see {@link EdgePull}): the
     * cache, then live chunks, as one receiver. Not counted against the per-address limit, not held to the receive
     * whitelist: the caller checked the cluster's token. A stream that is no longer the channel's ends the pull with
     * {@code Stream ended} at once.
     *
     * @param authorized whether the pull came with the cluster's token for this stream
     */
    public Handler openPull(String address, String channel, String streamId, boolean authorized,
            Outbox.Transport transport, LiveConnection.Closer closer) {
        if (!authorized) {
            return refuse(relay.connect(address, null, null, transport, closer), null, null,
                    new LiveRefusal(LiveClose.NOT_A_CLUSTER_NODE, "a pull of " + channel + " without a valid token"));
        }
        LiveConnection connection = relay.connect(address, channel, ConnectionKind.RECEIVE, transport, closer);
        LiveReceiver receiver = relay.receiveStream(channel, streamId, connection);
        if (receiver == null) {
            connection.finish(LiveClose.STREAM_ENDED);
            return new Ended(connection, null);
        }
        return new Receiving(connection, receiver, null);
    }

    private Handler openPublisher(LivePath path, LiveConnection connection, ConnectionLimiter.Permit permit)
            throws LiveRefusal {
        // Nobody may take a project's channel before its upload does.
        if (path.channel().startsWith(StreamRelay.PROJECT_CHANNEL_PREFIX)) {
            throw new LiveRefusal(LiveClose.RESERVED_CHANNEL, "project channels carry uploads");
        }
        // Asked before the key check, so a busy channel costs no callback.
        if (relay.isPublishing(path.channel())) {
            throw new LiveRefusal(LiveClose.CHANNEL_BUSY, null);
        }
        if (cluster.publishedElsewhere(path.channel())) {
            throw new LiveRefusal(LiveClose.CHANNEL_BUSY, "published on another node");
        }
        KeyCheck.Accepted accepted = accept(policy.checkPublisher(path.channel(), path.key(), connection.address()));
        String streamId = accepted.streamId() != null ? accepted.streamId() : streamIds.get();
        byte[] keyHash = Sha256.ofText(path.key());
        if (!cluster.claim(path.channel(), streamId, keyHash)) {
            throw new LiveRefusal(LiveClose.CHANNEL_BUSY, "taken on another node while the key was checked");
        }
        try {
            LiveStream stream = relay.publish(path.channel(), keyHash, streamId, connection);
            return new Publishing(connection, stream, permit,
                    new ChunkAssembler(settings.maxChunkBytes(), relay::holdUnfinished, relay::releaseUnfinished));
        } catch (ChannelBusyException e) {
            cluster.release(path.channel(), streamId);
            throw new LiveRefusal(LiveClose.CHANNEL_BUSY, "taken while the key was checked");
        } catch (LiveRefusal | RuntimeException e) {
            cluster.release(path.channel(), streamId);
            throw e;
        }
    }

    private Handler openReceiver(LivePath path, LiveConnection connection, ConnectionLimiter.Permit permit)
            throws LiveRefusal {
        if (!settings.receiveWhitelist().isEmpty() && !settings.receiveWhitelist().contains(connection.address())) {
            throw new LiveRefusal(LiveClose.NOT_ALLOWED_TO_RECEIVE, "not in the receive whitelist");
        }
        KeyCheck.Accepted accepted = accept(
                policy.checkReceiver(path.channel(), path.key(), path.kind(), connection.address()));
        LiveReceiver receiver = relay.receive(path.channel(), connection, path.kind(), Sha256.ofText(path.key()),
                accepted.keyVerified());
        if (!relay.isPublishing(path.channel())) {
            cluster.receiverWaiting(path.channel());
        }
        return new Receiving(connection, receiver, permit);
    }

    /** This node's stream ends, and with it the channel's entry in the cluster. */
    private void end(LiveStream stream) {
        try {
            relay.end(stream);
        } finally {
            cluster.release(stream.channel.name, stream.streamId);
        }
    }

    private static KeyCheck.Accepted accept(KeyCheck check) throws LiveRefusal {
        if (check instanceof KeyCheck.Refused refused) {
            throw new LiveRefusal(refused.close(), refused.detail());
        }
        return (KeyCheck.Accepted) check;
    }

    private Handler refuse(LiveConnection connection, LivePath path, ConnectionLimiter.Permit permit,
            LiveRefusal refusal) {
        events.refused(path == null ? null : path.channel(), path == null ? null : path.kind(), connection.address(),
                refusal);
        connection.fail(refusal.close());
        return new Ended(connection, permit);
    }

    /** Copies a message once into a buffer the relay owns: the container may reuse its buffer after the call. */
    private static ByteBuffer own(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy.asReadOnlyBuffer();
    }

    /** A connection that is over or refused: messages are ignored, the close releases what it held. */
    private class Ended implements Handler {
        final LiveConnection connection;
        private final ConnectionLimiter.Permit permit;
        private boolean closed;

        Ended(LiveConnection connection, ConnectionLimiter.Permit permit) {
            this.connection = connection;
            this.permit = permit;
        }

        @Override
        public void text(String text) {
            connection.messageReceived();
        }

        @Override
        public void binary(ByteBuffer part, boolean last) {
            connection.messageReceived();
        }

        @Override
        public final void closed() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            if (permit != null) {
                permit.release();
            }
            try {
                release();
            } finally {
                relay.disconnect(connection);
            }
        }

        /** What the connection's kind gives back. */
        void release() {
        }
    }

    private final class Publishing extends Ended {
        private final LiveStream stream;
        private final ChunkAssembler assembler;

        Publishing(LiveConnection connection, LiveStream stream, ConnectionLimiter.Permit permit,
                ChunkAssembler assembler) {
            super(connection, permit);
            this.stream = stream;
            this.assembler = assembler;
        }

        @Override
        public void binary(ByteBuffer part, boolean last) {
            connection.messageReceived();
            if (connection.ending() != null) {
                return;
            }
            try {
                ByteBuffer chunk = assembler.add(part, last);
                if (chunk != null) {
                    relay.append(stream, chunk);
                }
            } catch (LiveRefusal refusal) {
                connection.cutOff(refusal.close());
            }
        }

        @Override
        void release() {
            assembler.discard();
            end(stream);
        }
    }

    private final class Receiving extends Ended {
        private final LiveReceiver receiver;

        Receiving(LiveConnection connection, LiveReceiver receiver, ConnectionLimiter.Permit permit) {
            super(connection, permit);
            this.receiver = receiver;
        }

        @Override
        void release() {
            relay.leave(receiver);
        }
    }

    private final class InternalPublication implements Publication {
        private final LiveStream stream;
        private boolean closed;

        InternalPublication(LiveStream stream) {
            this.stream = stream;
        }

        @Override
        public String channel() {
            return stream.channel.name;
        }

        @Override
        public String streamId() {
            return stream.streamId;
        }

        @Override
        public synchronized void send(ByteBuffer chunk) {
            if (closed) {
                throw new IllegalStateException("The publication of " + channel() + " is closed");
            }
            relay.append(stream, own(chunk));
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                end(stream);
            }
        }
    }
}
