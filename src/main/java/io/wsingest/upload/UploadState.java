package io.wsingest.upload;

/** Where a project's upload chain stands. */
public enum UploadState {
    /** Receiving, or interrupted and resumable within the restore window. */
    IN_PROGRESS,
    /** The file is stored (or the stream ended); the chain stays until it is destroyed. */
    COMPLETED,
    /** The server could not finish it (its data was lost); the chain stays until it is destroyed. */
    FAILED,
    /** Interrupted for longer than the restore window; its data is deleted, the chain stays until it is destroyed. */
    EXPIRED;

    /** Whether the chain is finished: no connection may upload to it again. */
    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
