package io.wsingest.uploadapi;

/**
 * Who is on the other end of a socket.
 *
 * @param userId           the token's subject
 * @param sessionId        this connection's id, which events it caused carry as their origin
 * @param followedUploadId the upload of a per-upload socket ({@code /ws/core/upload/{id}/}); null on
 *                         {@code /ws/core/upload/}
 */
record Caller(String userId, String sessionId, String followedUploadId) {
}
