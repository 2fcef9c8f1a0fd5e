package io.wsingest.uploadapi;

import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import jakarta.websocket.Session;

import io.wsingest.events.OutboxSubscriber;
import io.wsingest.events.SessionRegistry;
import io.wsingest.logging.LogText;
import io.wsingest.metrics.ProtocolMeters;
import io.wsingest.websocket.CloseReasons;
import io.wsingest.websocket.ConnectionGuard;
import io.wsingest.websocket.MessageSize;
import io.wsingest.websocket.Outbox;
import io.wsingest.websocket.SessionTransport;

/**
 * One open Upload API socket: reads its messages piece by piece, answers each complete one, and receives the user's
 * events. Replies and events share the session's one {@link Outbox}, so they never interleave mid-message. The
 * container delivers one socket's messages one at a time; the methods are synchronised against a close arriving from
 * another thread. The {@link ConnectionGuard} ends a socket whose token expired or that stayed silent too long, and
 * every socket when the application stops.
 */
final class UploadApiSocket implements ConnectionGuard.Target {

    private static final Logger LOG = Logger.getLogger(UploadApiSocket.class.getName());

    static final String BINARY_REFUSED = "Binary messages are not part of this protocol; send JSON text.";

    private final Session session;
    private final Caller caller;
    private final MessageReader reader;
    private final UploadApiCommands commands;
    private final SessionRegistry registry;
    private final Outbox outbox;
    private final OutboxSubscriber subscriber;
    private final ProtocolMeters meters;
    private ConnectionGuard.Guarded guarded;

    UploadApiSocket(Session session, Caller caller, MessageReader reader, UploadApiCommands commands,
                    SessionRegistry registry, OutboxSubscriber.MissedEvents missed, long maxOutboundBytes,
                    ProtocolMeters meters) {
        this.meters = meters;
        this.session = session;
        this.caller = caller;
        this.reader = reader;
        this.commands = commands;
        this.registry = registry;
        this.outbox = new Outbox(new SessionTransport(session, meters::sent), maxOutboundBytes, this::tooSlow);
        this.subscriber = new OutboxSubscriber(outbox, caller.followedUploadId(), caller.sessionId(), missed,
                registry::count);
    }

    Caller caller() {
        return caller;
    }

    /**
     * From now on the user's events (on a per-upload socket: that upload's) after the latest at this moment come to
     * this socket; they wait until its first message is answered or {@link #releaseOpening()}.
     *
     * @param latestSeq reads the seq of the user's latest event. Read once the socket is registered, so that every
     *                  later event reaches it; one that came just before is passed over as older.
     */
    synchronized void subscribe(ConnectionGuard.Guarded admitted, LongSupplier latestSeq) {
        guarded = admitted;
        subscriber.holdUntilFirstCommand();
        registry.register(caller.userId(), subscriber);
        try {
            subscriber.startAfter(latestSeq.getAsLong());
        } catch (RuntimeException e) {
            registry.unregister(caller.userId(), subscriber);
            throw e;
        }
    }

    /** The client sent no command soon after opening: the events held since go out (clients that only listen). */
    void releaseOpening() {
        subscriber.releaseOpening();
    }

    synchronized void onText(String part, boolean last) {
        meters.received(MessageSize.of(part));
        guarded.heard();
        reader.accept(part);
        if (last) {
            UploadApiCommands.Outcome outcome = commands.handle(reader.finish(), caller, subscriber);
            if (outcome.deletedUploadId() != null) {
                // Before the reply is queued: an event queued earlier still goes out before it, none after it.
                subscriber.forget(outcome.deletedUploadId());
            }
            subscriber.answer(outcome.replayed(), outcome.latest(), outcome.reply());
            outcome.afterReply().run();
        }
    }

    synchronized void onBinary(long bytes, boolean last) {
        meters.received(bytes);
        guarded.heard();
        if (last) {
            outbox.offerText(UploadApiCodec.error(CommandType.ERROR_REPLY, null,
                    Map.of(CommandRejected.NON_FIELD, BINARY_REFUSED)));
        }
    }

    /** The connection is gone: no more events, nothing more to send, a half-received image deleted. */
    synchronized void closed() {
        if (guarded != null) {
            guarded.closed();
        }
        registry.unregister(caller.userId(), subscriber);
        outbox.close();
        reader.abort();
    }

    /** Every socket ends with its token: a D socket carries no transfer that could be cut. */
    @Override
    public boolean tokenExpired() {
        LOG.info(() -> "Upload API socket of " + LogText.escape(caller.userId()) + " closed: its token expired");
        CloseReasons.close(session, UploadApiClose.UNAUTHENTICATED.withReason("token expired"));
        return true;
    }

    @Override
    public void idle() {
        LOG.info(() -> "Upload API socket of " + LogText.escape(caller.userId()) + " closed: idle");
        CloseReasons.close(session, UploadApiClose.IDLE_TIMEOUT.disconnect());
    }

    /** What is queued goes out first, so a reply or event already decided still reaches the client. */
    @Override
    public void shuttingDown() {
        outbox.closeAfterQueued(() -> CloseReasons.close(session, UploadApiClose.SHUTTING_DOWN.disconnect()));
    }

    private void tooSlow() {
        LOG.info(() -> "Upload API socket of " + LogText.escape(caller.userId())
                + " closed: it does not read its messages");
        CloseReasons.close(session, UploadApiClose.TOO_SLOW.disconnect());
    }
}
