package io.wsingest.events;

/** A connected session that receives one user's events. */
public interface EventSubscriber {

    /** Whether this session wants events about this upload (a per-upload socket wants only its own). */
    boolean accepts(String uploadId);

    /** Whether this session gets the event; by default, every event about an upload it {@linkplain #accepts(String) accepts}. */
    default boolean accepts(UploadEvent event) {
        return accepts(event.uploadId());
    }

    /** Hands the event's JSON to the session's outbound path; must not block. False when the session could not take it. */
    boolean deliver(String json);
}
