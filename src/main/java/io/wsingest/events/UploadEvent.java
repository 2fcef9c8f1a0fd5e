package io.wsingest.events;

/**
 * An {@code Upload.*} event for one user: the JSON text their sessions receive, and the upload it concerns (so a
 * session watching a single upload gets only that upload's events).
 *
 * @param userId          whose sessions receive it; never anyone else's
 * @param uploadId        the upload the event is about
 * @param json            the message exactly as it goes on the wire
 * @param originSessionId the session whose command caused the event and which has already had the answer in its
 *                        reply, so it is not sent there again; null when no session caused it (job progress)
 */
public record UploadEvent(String userId, String uploadId, String json, String originSessionId) {

    public UploadEvent {
        if (userId == null || uploadId == null || json == null) {
            throw new IllegalArgumentException("userId, uploadId and json are required");
        }
    }

    /** An event for every session of the user that accepts the upload. */
    public UploadEvent(String userId, String uploadId, String json) {
        this(userId, uploadId, json, null);
    }

    /** Whether the event was caused by the session with this id. */
    public boolean cameFrom(String sessionId) {
        return originSessionId != null && originSessionId.equals(sessionId);
    }
}
