package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The status rules of an upload: pending → processing → processed | error, and back to pending to run again; and the
 * lease its OCR job holds meanwhile.
 */
class UploadTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final OcrLease LEASE = new OcrLease("job-1", "node1/run1", T0.plusSeconds(15));
    private static final String JOB = LEASE.job();

    private static Upload pending() {
        return new Upload("u1", "alice", null, "a".repeat(64), "image/png", 10, "f1", T0, LEASE);
    }

    @Test
    void aJobTakesAPendingUploadToProcessedWithItsText() {
        Upload upload = pending();
        assertTrue(upload.startProcessing(JOB, T1));
        assertEquals(UploadStatus.PROCESSING, upload.getStatus());
        assertTrue(upload.processed(JOB, "raw", "clean", T1));
        UploadView view = upload.view();
        assertEquals(UploadStatus.PROCESSED, view.status());
        assertEquals("raw", view.rawText());
        assertEquals("clean", view.processedText());
        assertEquals(T0, view.createdAt());
        assertEquals(T1, view.updatedAt());
    }

    @Test
    void onlyAPendingUploadStartsProcessing() {
        Upload upload = pending();
        upload.startProcessing(JOB, T1);
        assertFalse(upload.startProcessing(JOB, T1), "a second job for the same upload does not run");
    }

    @Test
    void onlyAProcessingUploadIsProcessed() {
        assertFalse(pending().processed(JOB, "raw", "clean", T1));
    }

    @Test
    void failsFromPendingOrProcessingOnly() {
        Upload queued = pending();
        assertTrue(queued.failed(JOB, "queue full", T1), "a refused job fails the upload before it starts");
        assertEquals("queue full", queued.view().error());
        assertFalse(queued.failed(JOB, "again", T1));

        Upload done = pending();
        done.startProcessing(JOB, T1);
        done.processed(JOB, "raw", "clean", T1);
        assertFalse(done.failed(JOB, "late", T1));
    }

    @Test
    void runningAgainClearsTheResultsOfAFinishedUpload() {
        Upload upload = pending();
        upload.startProcessing(JOB, T1);
        upload.failed(JOB, "broken", T1);
        assertTrue(upload.rerun(LEASE, T1));
        UploadView view = upload.view();
        assertEquals(UploadStatus.PENDING, view.status());
        assertNull(view.error());
        assertNull(view.rawText());
        assertFalse(pending().rerun(LEASE, T1), "a pending upload is already waiting");
    }

    @Test
    void eachStartOfAJobCountsAsAnAttemptAndARerunStartsTheCountAgain() {
        Upload upload = pending();
        upload.startProcessing(JOB, T1);
        assertEquals(1, upload.ocrAttempts());
        upload.failed(JOB, "unreadable", T1);
        assertTrue(upload.rerun(LEASE, T1));
        assertEquals(0, upload.ocrAttempts());
    }

    @Test
    void aJobThatLostTheLeaseWritesNothing() {
        Upload upload = pending();
        assertFalse(upload.startProcessing("another-job", T1), "not started by a job without the lease");
        assertEquals(UploadStatus.PENDING, upload.getStatus());
        assertEquals(0, upload.ocrAttempts());

        assertTrue(upload.startProcessing(JOB, T1));
        assertFalse(upload.streamsFor("another-job"));
        assertTrue(upload.streamsFor(JOB));
        assertFalse(upload.processed("another-job", "raw", "clean", T1));
        assertFalse(upload.failed("another-job", "broken", T1));
        assertEquals(UploadStatus.PROCESSING, upload.getStatus());
    }

    @Test
    void theLeaseEndsWithTheJobAndARerunTakesANewOne() {
        Upload upload = pending();
        assertEquals(LEASE, upload.lease().orElseThrow());
        upload.startProcessing(JOB, T1);
        upload.processed(JOB, "raw", "clean", T1);
        assertTrue(upload.lease().isEmpty(), "a finished job holds nothing");
        assertFalse(upload.streamsFor(JOB));

        OcrLease again = new OcrLease("job-2", "node2/run7", T1.plusSeconds(15));
        assertTrue(upload.rerun(again, T1));
        assertEquals(again, upload.lease().orElseThrow());
        assertFalse(upload.startProcessing(JOB, T1), "the first job's id no longer counts");
        assertTrue(upload.startProcessing("job-2", T1));
    }

    @Test
    void aFailureEndsTheLease() {
        Upload upload = pending();
        assertTrue(upload.failed(JOB, "queue full", T1));
        assertTrue(upload.lease().isEmpty());
    }
}
