package io.wsingest.storage;

import java.io.IOException;

/**
 * The user's storage quota has no room for the bytes: their stored files and open uploads already hold too much.
 * An {@link IOException}, so that it ends a write the way a full disk does; each protocol reports it with its own
 * error.
 */
public class QuotaExceededException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long quotaBytes;
    private final long freeBytes;

    public QuotaExceededException(String userId, long requested, long quotaBytes, long freeBytes) {
        super("The storage quota of user " + userId + " (" + quotaBytes + " bytes, " + UserQuota.SETTING
                + ") has room for " + Math.max(0, freeBytes) + " more bytes, not " + requested);
        this.quotaBytes = quotaBytes;
        this.freeBytes = Math.max(0, freeBytes);
    }

    /** The user's quota. */
    public long quotaBytes() {
        return quotaBytes;
    }

    /** What the user could still have stored when the bytes were refused (never negative). */
    public long freeBytes() {
        return freeBytes;
    }
}
