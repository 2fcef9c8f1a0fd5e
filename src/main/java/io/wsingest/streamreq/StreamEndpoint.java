package io.wsingest.streamreq;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import io.wsingest.auth.Authentication;
import io.wsingest.auth.Identity;
import io.wsingest.auth.WebSocketAuthenticator;
import io.wsingest.logging.Incident;
import io.wsingest.logging.LogText;
import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.Protocol;
import io.wsingest.storage.FileCatalog;
import io.wsingest.websocket.CloseReasons;
import io.wsingest.websocket.ConnectionGuard;
import io.wsingest.websocket.Disconnect;
import io.wsingest.websocket.MessageSize;
import io.wsingest.websocket.Outbox;
import io.wsingest.websocket.SessionTransport;

/**
 * Protocol C, Stream Requests: packets in text messages, stream data in binary messages (taken in parts, so a
 * message is never held whole). Decodes, hands over to the connection's {@link StreamConnection}, sends what it
 * answers. A connection without a valid token gets one {@link Status#UNAUTHORIZED} packet, then close 1008; so does
 * one whose token expires while no stream is arriving, and, with {@link Status#SHUTTING_DOWN} and close 1001, every
 * connection when the application stops. The {@link ConnectionGuard} limits a user's connections and closes idle
 * ones.
 */
@ServerEndpoint(value = "/ws/stream", configurator = WebSocketAuthenticator.class, subprotocols = "bearer")
public class StreamEndpoint implements ConnectionGuard.Target {

    private static final Logger LOG = Logger.getLogger(StreamEndpoint.class.getName());
    private static final long MAX_QUEUED_REPLY_BYTES = 8L << 20;
    private static final Protocol PROTOCOL = Protocol.C;

    @Inject
    StreamService streams;

    @Inject
    StreamSettings settings;

    @Inject
    FileCatalog files;

    @Inject
    ConnectionGuard guard;

    @Inject
    Metrics metrics;

    // The container's thread handles messages; the guard's sweep asks whether a stream is arriving. A sweep that
    // finds the lock taken counts the connection as busy instead of waiting.
    private final ReentrantLock lock = new ReentrantLock();

    private Session session;
    private String userId;
    private StreamConnection connection;
    private Outbox outbox;
    private ConnectionGuard.Guarded guarded;
    /** The application stops: what still arrives is not handled. Guarded by the lock. */
    private boolean stopped;

    @OnOpen
    public void open(Session session) {
        this.session = session;
        // A larger packet closes the connection with 1009.
        session.setMaxTextMessageBufferSize(settings.maxPacketChars());
        Authentication authentication = Authentication.of(session);
        Identity identity = authentication.identity();
        if (identity == null) {
            String rejection = authentication.rejection();
            LOG.info(() -> "Stream connection refused: " + LogText.escape(rejection));
            refuse(Status.UNAUTHORIZED, StreamClose.UNAUTHORIZED.withReason(rejection), rejection);
            return;
        }
        userId = identity.subject();
        Optional<ConnectionGuard.Guarded> admitted = guard.admit(PROTOCOL, userId, identity.expiresAt(),
                settings.idleTimeout(), this);
        if (admitted.isEmpty()) {
            LOG.info(() -> "Stream connection of user " + LogText.escape(userId) + " refused: " + guard.maxPerUser()
                    + " connections open already");
            refuse(Status.TOO_MANY_CONNECTIONS, StreamClose.TOO_MANY_CONNECTIONS.disconnect(),
                    "too many connections: at most " + guard.maxPerUser() + " per user");
            return;
        }
        // Under the lock: the guard's sweep may ask about the connection from now on.
        lock.lock();
        try {
            guarded = admitted.get();
            outbox = new Outbox(new SessionTransport(session, metrics.protocol(PROTOCOL)::sent), MAX_QUEUED_REPLY_BYTES, () -> {
                LOG.warning(() -> "Closing the stream connection of user " + LogText.escape(userId)
                        + ": it does not read its replies");
                close(StreamClose.REPLIES_NOT_READ.disconnect());
            });
            connection = new StreamConnection(userId, streams, files, settings.inlineMaxBytes());
        } finally {
            lock.unlock();
        }
    }

    @OnMessage
    public void onText(String text) {
        metrics.protocol(PROTOCOL).received(MessageSize.of(text));
        handle(() -> connection.onText(text));
    }

    @OnMessage
    public void onBinary(ByteBuffer part, boolean last) {
        metrics.protocol(PROTOCOL).received(MessageSize.of(part));
        handle(() -> connection.onBinary(part, last));
    }

    @OnClose
    public void onClose() {
        if (guarded != null) {
            guarded.closed();
        }
        if (connection != null) {
            lock.lock();
            try {
                connection.closed();
            } finally {
                lock.unlock();
            }
        }
        if (outbox != null) {
            outbox.close();
        }
    }

    @OnError
    public void onError(Throwable failure) {
        String reason = "internal error";
        if (failure instanceof IOException) {
            LOG.fine(() -> "Stream connection of user " + LogText.escape(userId) + " broke: " + failure);
        } else {
            reason = Incident.log(LOG, "Stream connection of user " + LogText.escape(userId) + " failed", failure)
                    .clientText();
        }
        close(StreamClose.INTERNAL_ERROR.withReason(reason));
    }

    /** Ends the connection unless a stream is arriving: an upload in progress is not cut by the clock. */
    @Override
    public boolean tokenExpired() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (connection == null) {
                // Still being admitted: asked again at the next sweep.
                return false;
            }
            if (connection.streaming()) {
                return false;
            }
            LOG.info(() -> "Closing the stream connection of user " + LogText.escape(userId) + ": its token expired");
            String packet = PacketCodec.encode(Packet.error(Status.UNAUTHORIZED, "token expired"));
            outbox.closeWith(packet, () -> close(StreamClose.UNAUTHORIZED.withReason("token expired")));
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void idle() {
        // The idle timeout is at least a second, so the connection is set up by now.
        LOG.info(() -> "Closing the stream connection of user " + LogText.escape(userId) + ": idle for " + settings.idleTimeout());
        outbox.close();
        close(StreamClose.IDLE_TIMEOUT.disconnect());
    }

    /** One packet (with a stream in progress: its key and where it resumes), then close 1001. */
    @Override
    public void shuttingDown() {
        lock.lock();
        try {
            if (connection == null) {
                // Still being admitted: nothing sent yet, nothing to pause.
                close(StreamClose.SHUTTING_DOWN.disconnect());
                return;
            }
            stopped = true;
            outbox.offerText(PacketCodec.encode(connection.shuttingDown()));
            outbox.closeAfterQueued(() -> close(StreamClose.SHUTTING_DOWN.disconnect()));
        } finally {
            lock.unlock();
        }
    }

    private void handle(Supplier<List<Packet>> transition) {
        if (connection == null) {
            return;
        }
        guarded.heard();
        lock.lock();
        try {
            if (!stopped) {
                transition.get().forEach(packet -> outbox.offerText(PacketCodec.encode(packet)));
            }
        } finally {
            lock.unlock();
        }
    }

    /** One error packet, then the close. */
    private void refuse(Status status, Disconnect disconnect, String error) {
        String packet = PacketCodec.encode(Packet.error(status, error));
        metrics.protocol(PROTOCOL).sent(MessageSize.of(packet));
        session.getAsyncRemote().sendText(packet, sent -> close(disconnect));
    }

    private void close(Disconnect disconnect) {
        CloseReasons.close(session, disconnect);
    }
}
