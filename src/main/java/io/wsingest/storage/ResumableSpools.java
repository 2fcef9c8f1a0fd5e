package io.wsingest.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One protocol's resumable uploads as the {@link SpoolCleaner} sees them: database records that each own a spool file
 * and expire when unused for too long. Implemented by each protocol that keeps uploads across connections (A and C);
 * the protocol decides which records are expired and how its spool files are named, the cleaner does the rest.
 *
 * @param <U> the protocol's record of one upload
 */
public interface ResumableSpools<U> {

    /** What the log calls these uploads: {@code uploads}, {@code streams}. */
    String name();

    /** This protocol's spool files start with this, and no other protocol's do: the cleaner touches no others. */
    String spoolPrefix();

    /** How long an upload may stay unused before it expires (the restore window, the key lifetime). */
    Duration expiresAfter();

    /** At most {@code limit} uploads unused since {@code cutoff}, oldest first. */
    List<U> unusedSince(Instant cutoff, int limit);

    /**
     * Expires the upload if it is still unused since {@code cutoff} and nothing on this node holds it; a conditional
     * update, so an upload is either resumed or expired, never both.
     *
     * @return whether it expired (then its spool file goes)
     */
    boolean expire(U upload, Instant cutoff, Instant now);

    /** The upload's spool file. */
    String spoolName(U upload);

    /** The log line of an expired upload: whose, what, how far it got. */
    String describeExpired(U upload);

    /** The spool files that uploads not yet expired or finished still need. */
    Set<String> spoolNamesInUse();
}
