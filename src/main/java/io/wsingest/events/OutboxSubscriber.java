package io.wsingest.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.wsingest.websocket.Outbox;

/**
 * The usual subscriber: events go into the session's {@link Outbox}. With an upload id it is a per-upload session
 * and accepts only that upload's events. With a session id it leaves out the events its own commands caused, whose
 * answer the session has already had as a reply.
 *
 * <p>Numbered events ({@code seq}) go out in their order, each once: one the session has had already (by a replay or
 * a filled gap) is passed over; one that comes after a gap (events that took another path through a cluster's broker
 * and are still on their way) is preceded by the missing ones, read from the history. The seq advances on every event
 * of the user, also those the session does not accept. While a catch-up runs ({@link #hold()} until
 * {@link #answer}), and from the session's start until its first command, live events wait in the subscriber.
 */
public final class OutboxSubscriber implements EventSubscriber {

    /** Reads the events of a user kept with a seq strictly between two, in order. */
    @FunctionalInterface
    public interface MissedEvents {
        List<UploadEvent> between(String userId, long after, long before);
    }

    /** No event seen yet: the first one sets the seq. */
    private static final long UNKNOWN = -1;

    private final Outbox outbox;
    private final String onlyUploadId;
    private final String sessionId;
    private final MissedEvents missed;
    private final Consumer<Received> counted;
    /** Uploads this session deleted: events still on their way about them are not sent after the reply. */
    private final Set<String> forgotten = ConcurrentHashMap.newKeySet();

    // Guarded by this.
    private long lastSeq = UNKNOWN;
    private List<UploadEvent> held;
    /** The hold is the one since the session opened, not a catch-up's. */
    private boolean opening;

    /**
     * @param onlyUploadId null to accept all of the user's uploads
     * @param sessionId    this session's id as events name their origin; null to receive every event
     * @param missed       fills gaps in live delivery; null to send events as they come
     * @param counted       told what became of each event sent other than in answer to {@link #receive} (replayed,
     *                      filled in, held): the registry counts those {@code receive} returns
     */
    public OutboxSubscriber(Outbox outbox, String onlyUploadId, String sessionId, MissedEvents missed,
                            Consumer<Received> counted) {
        this.outbox = outbox;
        this.onlyUploadId = onlyUploadId;
        this.sessionId = sessionId;
        this.missed = missed;
        this.counted = counted;
    }

    /** A subscriber that sends events as they come, without filling gaps. */
    public OutboxSubscriber(Outbox outbox, String onlyUploadId, String sessionId) {
        this(outbox, onlyUploadId, sessionId, null, received -> { });
    }

    public OutboxSubscriber(Outbox outbox, String onlyUploadId) {
        this(outbox, onlyUploadId, null);
    }

    /**
     * No more events about this upload: the session has had the reply to its deletion. An event published before the
     * deletion travels through the broker and may otherwise arrive after that reply, which went straight out.
     */
    public void forget(String uploadId) {
        forgotten.add(uploadId);
    }

    @Override
    public boolean accepts(String uploadId) {
        return (onlyUploadId == null || onlyUploadId.equals(uploadId)) && !forgotten.contains(uploadId);
    }

    @Override
    public boolean accepts(UploadEvent event) {
        return accepts(event.uploadId()) && (sessionId == null || !event.cameFrom(sessionId));
    }

    @Override
    public boolean deliver(String json) {
        return outbox.offerText(json);
    }

    @Override
    public synchronized Received receive(UploadEvent event) {
        if (held != null) {
            held.add(event);
            return Received.PASSED;
        }
        return inOrder(event);
    }

    /** Live events wait from now on, until {@link #answer}. */
    public synchronized void hold() {
        if (held == null) {
            held = new ArrayList<>();
        }
        opening = false;
    }

    /**
     * Called before the session registers: its events wait until its first command is answered or
     * {@link #releaseOpening()}, so that a {@code subscribe} with {@code since} sent as the first message catches up
     * without any event going out twice or out of order.
     */
    public synchronized void holdUntilFirstCommand() {
        held = new ArrayList<>();
        opening = true;
    }

    /** The session's first position, read once it is registered: it gets the events after {@code seq}. */
    public synchronized void startAfter(long seq) {
        lastSeq = seq;
    }

    /** Sends the events held since the session opened, unless a command has done so or a catch-up holds them. */
    public synchronized void releaseOpening() {
        if (opening) {
            opening = false;
            releaseHeld().forEach(event -> counted.accept(inOrder(event)));
        }
    }

    /**
     * Ends a catch-up with the reply to the command that asked for it (or answers any other command): first the
     * replayed events (null when nothing is replayed), then the held live events up to {@code latest}, then the
     * reply, then the held events after {@code latest}. So every event before the reply has a seq up to
     * {@code latest} and every event after it a higher one.
     *
     * @param latest the seq the reply reports; replayed events run up to it
     */
    public synchronized void answer(List<UploadEvent> replayed, long latest, String reply) {
        if (replayed != null) {
            replayed.forEach(event -> counted.accept(send(event)));
            lastSeq = Math.max(lastSeq, latest);
        }
        List<UploadEvent> waiting = releaseHeld();
        waiting.stream().filter(event -> event.seq() <= latest).forEach(event -> counted.accept(inOrder(event)));
        outbox.offerText(reply);
        waiting.stream().filter(event -> event.seq() > latest).forEach(event -> counted.accept(inOrder(event)));
    }

    private List<UploadEvent> releaseHeld() {
        List<UploadEvent> waiting = held == null ? List.of() : held;
        held = null;
        opening = false;
        return waiting;
    }

    private Received inOrder(UploadEvent event) {
        long seq = event.seq();
        if (seq == UploadEvent.NO_SEQ) {
            return send(event); // the history is off: no order to keep
        }
        if (lastSeq != UNKNOWN) {
            if (seq <= lastSeq) {
                return Received.PASSED;
            }
            if (seq > lastSeq + 1 && missed != null) {
                missed.between(event.userId(), lastSeq, seq).forEach(earlier -> counted.accept(send(earlier)));
            }
        }
        lastSeq = seq;
        return send(event);
    }

    private Received send(UploadEvent event) {
        if (!accepts(event)) {
            return Received.PASSED;
        }
        return outbox.offerText(event.json()) ? Received.SENT : Received.REFUSED;
    }
}
