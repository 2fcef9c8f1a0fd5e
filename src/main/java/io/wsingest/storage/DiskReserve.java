package io.wsingest.storage;

import java.io.IOException;

/**
 * The free disk above the configured minimum, shared by every writer of one store. A writer is granted bytes before
 * it writes them; grants are counted until the writer hands them back, so the sum of what concurrent writers may
 * still write never exceeds the free space above the minimum, however many write at once. A writer hands its grant
 * back when it asks for the next one (what it wrote of it is on disk by then, and shows in the free space) and when
 * it stops. Thread-safe.
 */
final class DiskReserve {

    /** The file system's free space available to this process, in bytes. */
    @FunctionalInterface
    interface UsableSpace {
        long bytes() throws IOException;
    }

    private final UsableSpace usableSpace;
    private final long minFreeBytes;
    // Guarded by this: bytes granted to writers and not handed back.
    private long granted;

    DiskReserve(UsableSpace usableSpace, long minFreeBytes) {
        this.usableSpace = usableSpace;
        this.minFreeBytes = minFreeBytes;
    }

    /**
     * Hands back {@code previous} (a grant now written or no longer needed) and grants at least {@code needed} bytes,
     * more up to {@code wanted} if the disk has them.
     *
     * @return the bytes granted, between {@code needed} and {@code wanted}
     * @throws StorageFullException if {@code needed} bytes would leave less than the minimum free (nothing is granted,
     *                              {@code previous} is handed back all the same)
     */
    synchronized long grant(long previous, long needed, long wanted) throws IOException {
        granted -= previous;
        long usable = usableSpace.bytes();
        long headroom = usable - minFreeBytes - granted;
        if (needed > headroom) {
            throw new StorageFullException("Not enough free disk space: writing " + needed + " bytes would leave "
                    + (usable - granted - needed) + " bytes free (counting " + granted + " bytes other writers are"
                    + " about to write), below the minimum of " + minFreeBytes + " (" + StorageSettings.MIN_FREE_BYTES
                    + ")");
        }
        long grant = Math.max(needed, Math.min(wanted, headroom));
        granted += grant;
        return grant;
    }

    /** Hands back a grant the writer no longer needs. */
    synchronized void release(long grant) {
        granted -= grant;
    }

    /** Bytes granted and not handed back (for tests and figures). */
    synchronized long granted() {
        return granted;
    }
}
