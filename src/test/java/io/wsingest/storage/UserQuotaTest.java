package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The accounting of {@link UserQuota}: stored files, recorded uploads and in-memory reservations together. */
class UserQuotaTest {

    private static final long MIB = 1L << 20;

    /** What the "database" holds per user: stored files plus records of open uploads. */
    private final Map<String, Long> recorded = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    private UserQuota quota(long bytes) {
        return new UserQuota(bytes, user -> {
            lookups.incrementAndGet();
            return recorded.getOrDefault(user, 0L);
        }, user -> 0L);
    }

    @Test
    void countsStoredFilesRecordsAndReservations() throws Exception {
        UserQuota quota = quota(100);
        recorded.put("alice", 30L);
        UserQuota.Reservation reservation = quota.reserve("alice", 50);

        assertEquals(20, quota.free("alice"));
        assertEquals(100, quota.free("bob"));
        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> quota.reserve("alice", 21));
        assertEquals(20, e.freeBytes());
        assertEquals(100, e.quotaBytes());
        assertTrue(e.getMessage().contains("wsingest.storage.user-quota-bytes"));

        reservation.release();
        assertEquals(70, quota.free("alice"));
        assertEquals(0, quota.held("alice"));
    }

    @Test
    void aReservationGrowsInStepsAsBytesArrive() throws Exception {
        UserQuota quota = quota(1L << 30);
        UserQuota.Reservation growing = quota.reserve("alice", 0);
        lookups.set(0);

        for (int i = 0; i < 1024; i++) {
            growing.charge(64 * 1024);
        }

        // 64 MiB in steps: the database is asked once per step, not once per write.
        assertEquals(64 * MIB / UserQuota.GROWTH_STEP, lookups.get());
        assertEquals(64 * MIB, growing.bytes());
    }

    @Test
    void aGrowingReservationTakesTheLastBytesExactly() throws Exception {
        UserQuota quota = quota(10 * MIB + 5);
        UserQuota.Reservation growing = quota.reserve("alice", 0);

        growing.charge(10 * MIB + 5);

        assertEquals(0, quota.free("alice"));
        assertThrows(QuotaExceededException.class, () -> growing.charge(1));
        assertEquals(10 * MIB + 5, growing.bytes());
    }

    /**
     * An upload is stored (its file recorded, then its reservation given back, as every protocol does) between the
     * two look-ups of the room, whichever comes first: its bytes still count, so no other upload is admitted into
     * them.
     */
    @Test
    void anUploadStoredWhileTheRoomIsLookedUpStillCounts() throws Exception {
        long upload = 3 * MIB;
        AtomicLong reserved = new AtomicLong(upload);
        AtomicLong stored = new AtomicLong();
        Runnable storeTheUpload = () -> {
            stored.addAndGet(upload);
            reserved.addAndGet(-upload);
        };
        AtomicInteger reads = new AtomicInteger();
        UserQuota quota = new UserQuota(8 * MIB,
                user -> thenAfterFirstRead(reserved.get(), reads, storeTheUpload),
                user -> thenAfterFirstRead(stored.get(), reads, storeTheUpload));

        long free = quota.free("alice");

        assertEquals(2, reads.get());
        assertTrue(free <= 5 * MIB, "the stored upload was not counted: " + free + " bytes free");
        // Once nothing moves, it counts exactly once.
        assertEquals(5 * MIB, quota.free("alice"));
    }

    /** Returns what was read, and commits {@code commit} right after the first read of a look-up. */
    private static long thenAfterFirstRead(long read, AtomicInteger reads, Runnable commit) {
        if (reads.incrementAndGet() == 1) {
            commit.run();
        }
        return read;
    }

    /**
     * A connection takes over an upload whose record counts the 3 MiB it has: held in memory before the record lets
     * go, they never count zero times, and the bytes that arrive next count on top of them.
     */
    @Test
    void anUploadTakenOverCountsWhatItHasThroughoutAndWhatArrivesOnTop() throws Exception {
        UserQuota quota = quota(10 * MIB);
        recorded.put("alice", 3 * MIB);

        UserQuota.Reservation held = quota.takeOver("alice", 3 * MIB);
        assertEquals(4 * MIB, quota.free("alice"));
        recorded.put("alice", 0L);
        assertEquals(7 * MIB, quota.free("alice"));
        held.charge(MIB);

        assertEquals(6 * MIB, quota.free("alice"));
        held.release();
        assertEquals(0, quota.held("alice"));
    }

    @Test
    void anUploadCannotBeTakenOverWhenItsUserHoldsMoreThanTheQuotaWithoutIt() {
        UserQuota quota = quota(10 * MIB);
        // The quota was lowered below what the user holds, this upload's 3 MiB included.
        recorded.put("alice", 12 * MIB);

        QuotaExceededException e = assertThrows(QuotaExceededException.class, () -> quota.takeOver("alice", 3 * MIB));
        assertEquals(MIB, e.freeBytes());
        assertEquals(0, quota.held("alice"));
    }

    @Test
    void aUserOverTheQuotaCannotStartEvenAnEmptyUpload() {
        UserQuota quota = quota(100);
        recorded.put("alice", 150L);

        assertEquals(-50, quota.free("alice"));
        assertThrows(QuotaExceededException.class, () -> quota.reserve("alice", 0));
    }

    @Test
    void admissionSeesTheRoomAndRecordsUnderTheUsersLock() {
        UserQuota quota = quota(100);
        recorded.put("alice", 40L);

        long seen = quota.admit("alice", free -> {
            recorded.merge("alice", free, Long::sum);
            return free;
        });

        assertEquals(60, seen);
        assertEquals(0, quota.free("alice"));
    }

    /**
     * Parallel uploads of one user, some admitted by records and some reserved in memory, never together hold more
     * than the quota.
     */
    @Test
    void parallelUploadsOfOneUserNeverTogetherPassTheQuota() throws Exception {
        long limit = 1000 * MIB;
        UserQuota quota = quota(limit);
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong granted = new AtomicLong();
        AtomicInteger refused = new AtomicInteger();
        List<UserQuota.Reservation> kept = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                done.add(pool.submit(() -> {
                    start.await();
                    // Far more than the quota between them: it fills up, then everything is refused.
                    for (int i = 0; i < 500; i++) {
                        long size = (n * 7919L + i * 104_729L) % (9 * MIB) + 1;
                        try {
                            if (n % 2 == 0) {
                                // A resumable upload: its record is its reservation.
                                quota.admit("alice", free -> {
                                    if (size > free) {
                                        throw new QuotaExceededException("alice", size, limit, free);
                                    }
                                    recorded.merge("alice", size, Long::sum);
                                    return null;
                                });
                            } else {
                                UserQuota.Reservation r = quota.reserve("alice", 0);
                                kept.add(r);
                                r.charge(size);
                            }
                            granted.addAndGet(size);
                        } catch (QuotaExceededException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long held = recorded.getOrDefault("alice", 0L) + quota.held("alice");
        assertTrue(held <= limit, "held " + held + " of a quota of " + limit);
        assertTrue(granted.get() <= limit, "granted " + granted.get() + " of a quota of " + limit);
        assertTrue(refused.get() > 0);
        kept.forEach(UserQuota.Reservation::release);
        assertEquals(0, quota.held("alice"));
    }
}
