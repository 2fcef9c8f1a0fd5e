package io.wsingest.events;

/**
 * An {@code Upload.*} event for one user: the JSON text their sessions receive, and the upload it concerns (so a
 * session watching a single upload gets only that upload's events).
 *
 * @param userId          whose sessions receive it; never anyone else's
 * @param uploadId        the upload the event is about
 * @param json            the message exactly as it goes on the wire (a JSON object)
 * @param originSessionId the session whose command caused the event and which has already had the answer in its
 *                        reply, so it is not sent there again; null when no session caused it (job progress)
 * @param seq             its number in the user's stream, once the history recorded it; 0 while it has none (before
 *                        publishing, or with the history turned off)
 * @param growth          a {@code streamed_text} growth event: the history keeps only the latest of an upload's
 */
public record UploadEvent(String userId, String uploadId, String json, String originSessionId, long seq,
                          boolean growth) {

    /** The seq of an event that has none: the history is turned off. */
    public static final long NO_SEQ = 0;

    public UploadEvent {
        if (userId == null || uploadId == null || json == null) {
            throw new IllegalArgumentException("userId, uploadId and json are required");
        }
    }

    /** An event caused by a session's command, not yet numbered. */
    public UploadEvent(String userId, String uploadId, String json, String originSessionId) {
        this(userId, uploadId, json, originSessionId, NO_SEQ, false);
    }

    /** An event for every session of the user that accepts the upload. */
    public UploadEvent(String userId, String uploadId, String json) {
        this(userId, uploadId, json, null);
    }

    /** A growth event of a job's {@code streamed_text}, which the next one of the same upload supersedes in history. */
    public static UploadEvent growth(String userId, String uploadId, String json) {
        return new UploadEvent(userId, uploadId, json, null, NO_SEQ, true);
    }

    /** Whether the event was caused by the session with this id. */
    public boolean cameFrom(String sessionId) {
        return originSessionId != null && originSessionId.equals(sessionId);
    }

    /** The event numbered {@code seq}: the number goes into the JSON object as its last field, {@code "seq": n}. */
    UploadEvent numbered(long seq) {
        int end = json.lastIndexOf('}');
        if (end < 0 || !json.substring(end + 1).isBlank()) {
            throw new IllegalArgumentException("An event is a JSON object: " + json);
        }
        String body = json.substring(0, end).stripTrailing();
        String separator = body.endsWith("{") ? "" : ",";
        return new UploadEvent(userId, uploadId, body + separator + "\"seq\":" + seq + "}", originSessionId, seq,
                growth);
    }
}
