package io.wsingest.uploadapi;

import io.wsingest.ocr.OcrJob;

/**
 * An OCR job's steps, recorded on its upload and published as {@code Upload.status} events, each only while
 * {@code job} still holds the upload's lease: a job that lost it (the upload was deleted, or taken over by another
 * node after this one stalled past its lease) is told to stop and writes nothing more. A job that ended without
 * writing its end lets go of the lease, for a sweep to run the upload again.
 */
record UploadJobProgress(UploadRecords records, OcrJobLeases leases, String uploadId, String job)
        implements OcrJob.Progress {

    @Override
    public boolean started() {
        return records.startProcessing(uploadId, job);
    }

    @Override
    public boolean text(String soFar) {
        return records.streamed(uploadId, job, soFar);
    }

    @Override
    public void processed(String rawText, String processedText) {
        records.processed(uploadId, job, rawText, processedText);
    }

    @Override
    public void failed(String message) {
        records.failed(uploadId, job, message);
    }

    @Override
    public void abandoned() {
        leases.abandoned(uploadId, job);
    }
}
