package io.wsingest.upload;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of a project's upload chain, as the database holds it.
 *
 * @param uploadId        the upload's id (also in its spool file's name and in the logs)
 * @param startedBy       the user who started it; the stored file is theirs
 * @param totalSize       the announced size, null for a stream of unknown length
 * @param durableOffset   bytes made durable and recorded: what a resumed upload continues from
 * @param saveMedia       false for a live stream that is not kept
 * @param ownerConnection the connection currently uploading, null when interrupted
 * @param storedFileId    the stored media file, once completed with {@code saveMedia}
 * @param failure         why the server failed it, for a {@link UploadState#FAILED} chain
 * @param updatedAt       the last time data was recorded or a connection left: an interruption counts from here
 */
public record UploadChain(String uploadId, String projectId, String startedBy, String fileName, Long totalSize,
                          long durableOffset, boolean saveMedia, UploadState state, String spoolName,
                          String ownerConnection, String storedFileId, String failure, Instant createdAt,
                          Instant updatedAt) {

    public UploadChain {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Whether the chain can no longer be resumed at {@code now}: it expired, or its restore window has passed. */
    public boolean expiredAt(Instant now, Duration restoreWindow) {
        return state == UploadState.EXPIRED
                || state == UploadState.IN_PROGRESS && !updatedAt.plus(restoreWindow).isAfter(now);
    }
}
