package io.wsingest.storage;

import java.io.IOException;

/**
 * One writer's share of the {@link DiskReserve}. Asking the file system for its free space is a system call, so the
 * guard takes up to {@link #CHECK_INTERVAL} bytes at a time from the reserve and counts them down as the writer
 * writes. Together, concurrent writers can never write past the reserve: what one holds, the others cannot have. A
 * writer that stops must {@link #release()} what it still holds. Not thread-safe: one per writer.
 */
final class FreeSpaceGuard {

    /** Small, so that many idle uploads do not hold much of the free space between them. */
    static final long CHECK_INTERVAL = 1L << 20;

    private final DiskReserve reserve;
    // Bytes granted by the reserve and not handed back.
    private long grant;
    // Of the grant, what may still be written. Negative until the first check, so even an empty first write checks.
    private long allowance = -1;

    FreeSpaceGuard(DiskReserve reserve) {
        this.reserve = reserve;
    }

    /** Call before writing {@code bytes} more bytes; throws if they would leave less than the minimum free. */
    void reserve(long bytes) throws IOException {
        if (bytes <= allowance) {
            allowance -= bytes;
            return;
        }
        long previous = grant;
        // The reserve takes the previous grant back even when it refuses a new one: hold nothing meanwhile.
        grant = 0;
        allowance = -1;
        // What was written of the previous grant shows in the file system's free space by now. An empty write (the
        // check when a file is created) takes no share: an upload that never writes holds none of the disk.
        grant = reserve.grant(previous, bytes, bytes == 0 ? 0 : saturatedAdd(bytes, CHECK_INTERVAL));
        allowance = grant - bytes;
    }

    /** The writer stopped: hands back what it still holds. Safe to call more than once. */
    void release() {
        reserve.release(grant);
        grant = 0;
        allowance = -1;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
