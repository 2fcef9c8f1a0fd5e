package io.wsingest.storage;

import java.util.concurrent.ConcurrentHashMap;

import io.wsingest.concurrency.StripedLocks;

/**
 * How many bytes one user may hold across every protocol: the files they stored (each file counts its size, even
 * when its content is shared with another) plus what their uploads in progress have reserved. Resumable uploads
 * reserve through their database records ({@link OpenUploads}), admitted with {@link #admit}; uploads that live as
 * long as one connection take a {@link Reservation} held here in memory, which grows as bytes arrive when the size
 * is not known in advance.
 *
 * <p>Admission is serialised per user: the check and the recording of the reservation happen under the user's lock,
 * so parallel uploads of one user cannot together pass the quota. The lock is this node's: on a cluster, two nodes
 * admitting uploads of the same user at the same moment may each see the other's room.
 *
 * <p>An upload that is stored turns its reservation into a stored file, which no lock covers: every protocol records
 * the file first and gives the reservation back after (its file and its reservation then count twice for a moment,
 * never zero times), and the room is looked up in the opposite order, reservations before stored files. Whatever
 * commits between the two look-ups, the upload is then counted at least once: read the other way round, an upload
 * stored in between would be counted by neither, and its bytes given out again.
 */
public final class UserQuota {

    static final String SETTING = StorageSettings.USER_QUOTA_BYTES;

    /**
     * A reservation of unknown final size takes this much of the quota at a time: look-ups stay rare (one per MiB
     * written), and what it holds ahead of its bytes is never much of anyone's quota.
     */
    static final long GROWTH_STEP = 1L << 20;

    /** Bytes the database says the user holds: their stored files, or what their open uploads reserve. */
    @FunctionalInterface
    public interface Recorded {
        long bytes(String userId);
    }

    /** Decides, from the room the user has left, whether to start an upload, and records its reservation if so. */
    @FunctionalInterface
    public interface Admission<T, E extends Exception> {
        T decide(long freeBytes) throws E;
    }

    private final long quotaBytes;
    private final Recorded reserved;
    private final Recorded stored;
    private final StripedLocks locks = new StripedLocks(64);
    // Bytes of in-memory reservations per user; changed only under the user's lock.
    private final ConcurrentHashMap<String, Long> held = new ConcurrentHashMap<>();

    /**
     * @param reserved what the user's open uploads reserve by their database records ({@link OpenUploads})
     * @param stored   the size of the user's stored files
     */
    public UserQuota(long quotaBytes, Recorded reserved, Recorded stored) {
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quotaBytes must not be negative: " + quotaBytes);
        }
        this.quotaBytes = quotaBytes;
        this.reserved = reserved;
        this.stored = stored;
    }

    public long quotaBytes() {
        return quotaBytes;
    }

    /** The bytes the user may still reserve; negative when they hold more than the quota (it was lowered). */
    public long free(String userId) {
        synchronized (locks.forKey(userId)) {
            return freeLocked(userId);
        }
    }

    /**
     * Runs {@code admission} with the user's room, under the user's lock. An admission that starts an upload must
     * make its reservation visible to {@link Recorded} (commit its record) before it returns, and the upload, once
     * stored, must record its file before it gives that reservation back.
     */
    public <T, E extends Exception> T admit(String userId, Admission<T, E> admission) throws E {
        synchronized (locks.forKey(userId)) {
            return admission.decide(freeLocked(userId));
        }
    }

    /**
     * Reserves {@code bytes} for an upload that keeps no record of its own; more can be {@linkplain Reservation#charge
     * charged} later.
     *
     * @throws QuotaExceededException if the user has no room for them
     */
    public Reservation reserve(String userId, long bytes) throws QuotaExceededException {
        Reservation reservation = new Reservation(userId);
        reservation.grow(bytes, bytes, 0);
        return reservation;
    }

    /**
     * Holds in memory the {@code bytes} an upload has written, which its record counts until a connection takes the
     * upload over: taken before the record lets go, so that they count twice for a moment, never zero times. Bytes
     * the upload receives afterwards are {@linkplain Reservation#charge charged} on top.
     *
     * @throws QuotaExceededException if the user holds more than the quota even counting these bytes once (the
     *                                quota was lowered)
     */
    public Reservation takeOver(String userId, long bytes) throws QuotaExceededException {
        Reservation reservation = new Reservation(userId);
        reservation.grow(bytes, bytes, bytes);
        reservation.used = bytes;
        return reservation;
    }

    /** Bytes of in-memory reservations the user holds (for tests and figures). */
    long held(String userId) {
        return held.getOrDefault(userId, 0L);
    }

    private long freeLocked(String userId) {
        // Reservations first, stored files second: see the class comment.
        long reservedBytes = reserved.bytes(userId);
        return quotaBytes - reservedBytes - stored.bytes(userId) - held(userId);
    }

    /**
     * Bytes of a user's quota held for one upload in memory, for as long as it is being written. Used by one writer
     * at a time; {@link #release()} when the upload is stored (its file counts from then on) or abandoned.
     */
    public final class Reservation {

        private final String userId;
        private long granted;
        private long used;

        private Reservation(String userId) {
            this.userId = userId;
        }

        /**
         * Counts {@code bytes} about to be written against the reservation, growing it if they do not fit.
         *
         * @throws QuotaExceededException if the reservation cannot grow enough (nothing is counted then)
         */
        public void charge(long bytes) throws QuotaExceededException {
            if (bytes > granted - used) {
                long missing = bytes - (granted - used);
                grow(missing, Math.max(missing, GROWTH_STEP), 0);
            }
            used += bytes;
        }

        /** Gives the reserved bytes back. Safe to call more than once. */
        public void release() {
            if (granted == 0) {
                return;
            }
            synchronized (locks.forKey(userId)) {
                held.computeIfPresent(userId, (user, bytes) -> bytes == granted ? null : bytes - granted);
            }
            granted = 0;
            used = 0;
        }

        /** Bytes reserved so far. */
        public long bytes() {
            return granted;
        }

        /**
         * Takes {@code needed} bytes more, or up to {@code wanted} while the user has room; {@code countedElsewhere}
         * of them are counted already, by a record about to let go of them.
         */
        private void grow(long needed, long wanted, long countedElsewhere) throws QuotaExceededException {
            synchronized (locks.forKey(userId)) {
                long free = freeLocked(userId) + countedElsewhere;
                if (needed > free) {
                    throw new QuotaExceededException(userId, needed, quotaBytes, free);
                }
                long more = Math.max(needed, Math.min(wanted, free));
                held.merge(userId, more, Long::sum);
                granted += more;
            }
        }
    }
}
