package io.wsingest.events;

/**
 * An {@code Upload.*} event for one user: the JSON text their sessions receive, and the upload it concerns (so a
 * session watching a single upload gets only that upload's events).
 *
 * @param userId   whose sessions receive it; never anyone else's
 * @param uploadId the upload the event is about
 * @param json     the message exactly as it goes on the wire
 */
public record UploadEvent(String userId, String uploadId, String json) {

    public UploadEvent {
        if (userId == null || uploadId == null || json == null) {
            throw new IllegalArgumentException("userId, uploadId and json are required");
        }
    }
}
