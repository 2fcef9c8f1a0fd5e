package io.wsingest.events;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.wsingest.websocket.Outbox;

/**
 * The usual subscriber: events go into the session's {@link Outbox}. With an upload id it is a per-upload session
 * and accepts only that upload's events. With a session id it leaves out the events its own commands caused, whose
 * answer the session has already had as a reply.
 */
public final class OutboxSubscriber implements EventSubscriber {

    private final Outbox outbox;
    private final String onlyUploadId;
    private final String sessionId;
    /** Uploads this session deleted: events still on their way about them are not sent after the reply. */
    private final Set<String> forgotten = ConcurrentHashMap.newKeySet();

    /**
     * @param onlyUploadId null to accept all of the user's uploads
     * @param sessionId    this session's id as events name their origin; null to receive every event
     */
    public OutboxSubscriber(Outbox outbox, String onlyUploadId, String sessionId) {
        this.outbox = outbox;
        this.onlyUploadId = onlyUploadId;
        this.sessionId = sessionId;
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
}
