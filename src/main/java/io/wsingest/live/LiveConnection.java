package io.wsingest.live;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.wsingest.websocket.Outbox;

/**
 * One connection as the relay sees it: its {@link Outbox}, the only path for everything the server sends it (chunks,
 * heartbeats, the last error), how to close it, and when the client was last heard from. The first end wins:
 * {@link #finish} lets the queued messages go out first, {@link #fail} drops them and sends {@code ERROR: …}.
 */
public final class LiveConnection {

    /** Closes the WebSocket session with the close's code and reason; from any thread, possibly more than once. */
    public interface Closer {
        void close(LiveClose close);
    }

    private final long id;
    private final String address;
    private final String channel;
    private final ConnectionKind kind;
    private final Outbox outbox;
    private final Closer closer;
    private final LongSupplier nanoClock;
    private final Consumer<LiveConnection> onCutOff;

    private final AtomicReference<LiveClose> ending = new AtomicReference<>();
    private volatile long lastMessageNanos;
    private volatile long lastHeartbeatNanos;
    private volatile long endingSinceNanos;
    private volatile boolean closed;
    private final CompletableFuture<Void> gone = new CompletableFuture<>();

    /**
     * @param channel     the channel, or null when the path was invalid
     * @param kind        the kind, or null when the path was invalid
     * @param outboxBytes the outbox's own bound, the last resort against a peer that reads nothing
     * @param onCutOff    called once if the server cuts the connection off (too slow, idle), with the connection
     */
    LiveConnection(long id, String address, String channel, ConnectionKind kind, Outbox.Transport transport,
            long outboxBytes, Closer closer, LongSupplier nanoClock, Consumer<LiveConnection> onCutOff) {
        this.id = id;
        this.address = address;
        this.channel = channel;
        this.kind = kind;
        this.closer = closer;
        this.nanoClock = nanoClock;
        this.onCutOff = onCutOff;
        this.outbox = new Outbox(transport, outboxBytes, this::tooSlow);
        long now = nanoClock.getAsLong();
        this.lastMessageNanos = now;
        this.lastHeartbeatNanos = now;
    }

    long id() {
        return id;
    }

    /** The client's IP address, or null when the container did not report it. */
    String address() {
        return address;
    }

    /** The channel, or null when the path was invalid. */
    String channel() {
        return channel;
    }

    /** The connection's kind, or null when the path was invalid. */
    ConnectionKind kind() {
        return kind;
    }

    Outbox outbox() {
        return outbox;
    }

    /** Any message from the client, heartbeat or data, proves it is alive. */
    void messageReceived() {
        lastMessageNanos = nanoClock.getAsLong();
    }

    /** Ends the connection once everything already queued has been sent. */
    boolean finish(LiveClose close) {
        if (!ending.compareAndSet(null, close)) {
            return false;
        }
        endingSinceNanos = nanoClock.getAsLong();
        outbox.closeAfterQueued(() -> closer.close(close));
        return true;
    }

    /** Ends the connection with an error: drops what is queued, sends {@code ERROR: <reason>}, closes. */
    boolean fail(LiveClose close) {
        if (!ending.compareAndSet(null, close)) {
            return false;
        }
        endingSinceNanos = nanoClock.getAsLong();
        outbox.closeWith(close.errorMessage(), () -> closer.close(close));
        return true;
    }

    /** The receiver fell too far behind: it is told so and closed, and counted once. */
    void tooSlow() {
        cutOff(LiveClose.RECEIVER_TOO_SLOW);
    }

    /** The server ends the connection for what the client did: {@link #fail}, and reported once. */
    void cutOff(LiveClose why) {
        if (fail(why)) {
            onCutOff.accept(this);
        }
    }

    /** How the connection is ending, or null while it is not. */
    LiveClose ending() {
        return ending.get();
    }

    /** The WebSocket session closed (either side): nothing more is sent. */
    void closed() {
        closed = true;
        ending.compareAndSet(null, LiveClose.STREAM_ENDED);
        outbox.close();
        gone.complete(null);
    }

    /** Completes when the WebSocket session closed. */
    CompletableFuture<Void> gone() {
        return gone;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * The heartbeat task's visit: closes a client silent for longer than {@code idleNanos} (0: never), closes
     * without waiting a connection that has been ending for longer than {@code endingGraceNanos} (its peer does not
     * read), and otherwise sends {@code h} when one is due.
     */
    void visit(long now, long heartbeatNanos, long idleNanos, long endingGraceNanos) {
        if (closed) {
            return;
        }
        LiveClose end = ending.get();
        if (end != null) {
            if (now - endingSinceNanos > endingGraceNanos) {
                endingSinceNanos = now; // once per grace period at most
                closer.close(end);
            }
            return;
        }
        if (idleNanos > 0 && now - lastMessageNanos > idleNanos) {
            cutOff(LiveClose.IDLE_TIMEOUT);
            return;
        }
        if (now - lastHeartbeatNanos >= heartbeatNanos) {
            lastHeartbeatNanos = now;
            outbox.offerText("h");
        }
    }
}
