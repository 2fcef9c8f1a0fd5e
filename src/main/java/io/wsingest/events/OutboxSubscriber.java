package io.wsingest.events;

import io.wsingest.websocket.Outbox;

/**
 * The usual subscriber: events go into the session's {@link Outbox}. With an upload id it is a per-upload session
 * and accepts only that upload's events.
 *
 * @param onlyUploadId null to accept all of the user's uploads
 */
public record OutboxSubscriber(Outbox outbox, String onlyUploadId) implements EventSubscriber {

    @Override
    public boolean accepts(String uploadId) {
        return onlyUploadId == null || onlyUploadId.equals(uploadId);
    }

    @Override
    public void deliver(String json) {
        outbox.offerText(json);
    }
}
