package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The status rules of an upload: pending → processing → processed | error, and back to pending to run again. */
class UploadTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);

    private static Upload pending() {
        return new Upload("u1", "alice", null, "a".repeat(64), "image/png", 10, "f1", T0);
    }

    @Test
    void aJobTakesAPendingUploadToProcessedWithItsText() {
        Upload upload = pending();
        assertTrue(upload.startProcessing(T1));
        assertEquals(UploadStatus.PROCESSING, upload.getStatus());
        assertTrue(upload.processed("raw", "clean", T1));
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
        upload.startProcessing(T1);
        assertFalse(upload.startProcessing(T1), "a second job for the same upload does not run");
    }

    @Test
    void onlyAProcessingUploadIsProcessed() {
        assertFalse(pending().processed("raw", "clean", T1));
    }

    @Test
    void failsFromPendingOrProcessingOnly() {
        Upload queued = pending();
        assertTrue(queued.failed("queue full", T1), "a refused job fails the upload before it starts");
        assertEquals("queue full", queued.view().error());
        assertFalse(queued.failed("again", T1));

        Upload done = pending();
        done.startProcessing(T1);
        done.processed("raw", "clean", T1);
        assertFalse(done.failed("late", T1));
    }

    @Test
    void runningAgainClearsTheResultsOfAFinishedUpload() {
        Upload upload = pending();
        upload.startProcessing(T1);
        upload.failed("broken", T1);
        assertTrue(upload.rerun(T1));
        UploadView view = upload.view();
        assertEquals(UploadStatus.PENDING, view.status());
        assertNull(view.error());
        assertNull(view.rawText());
        assertFalse(pending().rerun(T1), "a pending upload is already waiting");
    }

    @Test
    void eachStartOfAJobCountsAsAnAttemptAndARerunStartsTheCountAgain() {
        Upload upload = pending();
        upload.startProcessing(T1);
        assertEquals(1, upload.ocrAttempts());
        upload.failed("unreadable", T1);
        assertTrue(upload.rerun(T1));
        assertEquals(0, upload.ocrAttempts());
    }

    @Test
    void recoveryRequeuesAnInterruptedJobUnderTheLimit() {
        Upload upload = pending();
        upload.startProcessing(T1);
        assertEquals(Upload.Recovery.REQUEUED, upload.recover(3, T1));
        assertEquals(UploadStatus.PENDING, upload.getStatus());
        upload.startProcessing(T1);
        assertEquals(Upload.Recovery.REQUEUED, upload.recover(3, T1));
        assertEquals(Upload.Recovery.REQUEUED, pending().recover(3, T1), "a job that never started");
    }

    @Test
    void recoveryGivesUpAJobThatStartedMaxAttemptsTimes() {
        Upload upload = pending();
        for (int i = 0; i < 3; i++) {
            assertTrue(upload.startProcessing(T1));
            if (i < 2) {
                assertEquals(Upload.Recovery.REQUEUED, upload.recover(3, T1));
            }
        }
        assertEquals(Upload.Recovery.GAVE_UP, upload.recover(3, T1));
        UploadView view = upload.view();
        assertEquals(UploadStatus.ERROR, view.status());
        assertEquals("OCR stopped: the server was interrupted 3 times while reading this image, so it is not tried"
                + " again; set status to \"pending\" to try once more.", view.error());
        assertEquals(Upload.Recovery.FINISHED, upload.recover(3, T1), "given up once");
    }

    @Test
    void recoveryLeavesFinishedUploadsAlone() {
        Upload done = pending();
        done.startProcessing(T1);
        done.processed("raw", "clean", T1);
        assertEquals(Upload.Recovery.FINISHED, done.recover(1, T1));
        assertEquals(UploadStatus.PROCESSED, done.getStatus());
    }
}
