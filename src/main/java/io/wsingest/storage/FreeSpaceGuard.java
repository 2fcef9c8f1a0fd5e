package io.wsingest.storage;

import java.io.IOException;

/**
 * Keeps one writer from filling the disk past the configured reserve. Asking the file system for its free space is a
 * system call, so after a check the guard lets up to {@link #CHECK_INTERVAL} bytes through (never more than the
 * headroom it saw) before asking again. Concurrent writers each hold their own guard, so together they may overshoot
 * the reserve by a few MiB each; the reserve is a safety margin, not a quota. Not thread-safe: one per writer.
 */
final class FreeSpaceGuard {

    static final long CHECK_INTERVAL = 4L << 20;

    /** The file system's free space available to this process, in bytes. */
    @FunctionalInterface
    interface UsableSpace {
        long bytes() throws IOException;
    }

    private final UsableSpace usableSpace;
    private final long minFreeBytes;
    // Negative until the first check, so even an empty first write asks the file system once.
    private long allowance = -1;

    FreeSpaceGuard(UsableSpace usableSpace, long minFreeBytes) {
        this.usableSpace = usableSpace;
        this.minFreeBytes = minFreeBytes;
    }

    /** Call before writing {@code bytes} more bytes; throws if they would leave less than the minimum free. */
    void reserve(long bytes) throws IOException {
        if (bytes <= allowance) {
            allowance -= bytes;
            return;
        }
        long usable = usableSpace.bytes();
        long headroom = usable - minFreeBytes;
        if (bytes > headroom) {
            throw new StorageFullException("Not enough free disk space: writing " + bytes + " bytes would leave "
                    + (usable - bytes) + " bytes free, below the minimum of " + minFreeBytes + " ("
                    + StorageSettings.MIN_FREE_BYTES + ")");
        }
        allowance = Math.min(headroom - bytes, CHECK_INTERVAL);
    }
}
