package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** When a sweep may take an OCR job over, and when it gives one up. */
class UnfinishedJobTest {

    private static final Instant NOW = Instant.parse("2026-12-06T01:00:00Z");
    private static final Predicate<String> EARLIER_RUN = "node1/old"::equals;

    private static UnfinishedJob job(String owner, Instant until, int attempts) {
        UploadView upload = new UploadView("u1", "alice", UploadStatus.PROCESSING, null, "a".repeat(64), "image/png",
                10, NOW, NOW, null, null, null);
        return new UnfinishedJob(upload, owner, until, attempts);
    }

    @Test
    void aLiveNodesLeaseIsNeverTakenOver() {
        assertEquals(UnfinishedJob.Claim.NONE, job("node2/run", NOW.plusSeconds(1), 1).claim(NOW, EARLIER_RUN));
        assertEquals(UnfinishedJob.Claim.NONE, job("node2/run", NOW, 1).claim(NOW, EARLIER_RUN),
                "a lease is still held at its last instant");
    }

    @Test
    void aLeaseThatRanOutIsTakenOverWhoeverHeldIt() {
        assertEquals(UnfinishedJob.Claim.LEASE_RAN_OUT,
                job("node2/run", NOW.minusMillis(1), 1).claim(NOW, EARLIER_RUN));
        assertEquals(UnfinishedJob.Claim.LEASE_RAN_OUT,
                job("node1/old", NOW.minusSeconds(1), 1).claim(NOW, EARLIER_RUN));
    }

    @Test
    void aJobWithoutLeaseIsTakenOver() {
        assertEquals(UnfinishedJob.Claim.LEASE_RAN_OUT, job(null, null, 0).claim(NOW, EARLIER_RUN),
                "released, or from before leases");
    }

    @Test
    void anEarlierRunOfThisNodeLosesItsLeaseAtOnce() {
        assertEquals(UnfinishedJob.Claim.EARLIER_RUN, job("node1/old", NOW.plusSeconds(10), 1)
                .claim(NOW, EARLIER_RUN));
    }

    @Test
    void aJobThatStartedMaxAttemptsTimesIsExhausted() {
        assertFalse(job("node2/run", NOW, 2).exhausted(3));
        assertTrue(job("node2/run", NOW, 3).exhausted(3));
    }

    @Test
    void likePatternsMatchTheNodeNameLiterally() {
        assertEquals("node!_1/%", UploadRecords.likePrefix("node_1/"));
        assertEquals("a!%b!!c/%", UploadRecords.likePrefix("a%b!c/"));
    }
}
