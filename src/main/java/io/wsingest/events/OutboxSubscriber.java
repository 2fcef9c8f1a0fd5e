package io.wsingest.events;

import io.wsingest.websocket.Outbox;

/**
 * The usual subscriber: events go into the session's {@link Outbox}. With an upload id it is a per-upload session
 * and accepts only that upload's events. With a session id it leaves out the events its own commands caused, whose
 * answer the session has already had as a reply.
 *
 * @param onlyUploadId null to accept all of the user's uploads
 * @param sessionId    this session's id as events name their origin; null to receive every event
 */
public record OutboxSubscriber(Outbox outbox, String onlyUploadId, String sessionId) implements EventSubscriber {

    public OutboxSubscriber(Outbox outbox, String onlyUploadId) {
        this(outbox, onlyUploadId, null);
    }

    @Override
    public boolean accepts(String uploadId) {
        return onlyUploadId == null || onlyUploadId.equals(uploadId);
    }

    @Override
    public boolean accepts(UploadEvent event) {
        return accepts(event.uploadId()) && (sessionId == null || !event.cameFrom(sessionId));
    }

    @Override
    public void deliver(String json) {
        outbox.offerText(json);
    }
}
