package io.wsingest.storage;

/**
 * A protocol's uploads in progress that the database keeps (resumable ones), as they count against their users'
 * {@link UserQuota}. Implemented by each such protocol's service; the quota finds them all.
 */
public interface OpenUploads {

    /** The bytes the user's open uploads of this protocol have reserved and not yet stored as files. */
    long reservedBy(String userId);
}
