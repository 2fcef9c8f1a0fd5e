package io.wsingest.events;

/** A connected session that receives one user's events. */
public interface EventSubscriber {

    /** What became of an event handed to a session. */
    enum Received {
        /** Queued for the client. */
        SENT,
        /** For the session, but it could not take it (its outbox is closed or full). */
        REFUSED,
        /** Not for this session, or not now (it has it already, or holds it until a catch-up is done). */
        PASSED
    }

    /** Whether this session wants events about this upload (a per-upload socket wants only its own). */
    boolean accepts(String uploadId);

    /** Whether this session gets the event; by default, every event about an upload it {@linkplain #accepts(String) accepts}. */
    default boolean accepts(UploadEvent event) {
        return accepts(event.uploadId());
    }

    /** Hands the event's JSON to the session's outbound path; must not block. False when the session could not take it. */
    boolean deliver(String json);

    /** Takes one of the user's events as delivery brings it; by default, delivers those it accepts. */
    default Received receive(UploadEvent event) {
        if (!accepts(event)) {
            return Received.PASSED;
        }
        return deliver(event.json()) ? Received.SENT : Received.REFUSED;
    }
}
