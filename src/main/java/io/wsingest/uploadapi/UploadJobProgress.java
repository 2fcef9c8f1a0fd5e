package io.wsingest.uploadapi;

import io.wsingest.ocr.OcrJob;

/** An OCR job's steps, recorded on its upload and published as {@code Upload.status} events. */
record UploadJobProgress(UploadRecords records, String uploadId) implements OcrJob.Progress {

    @Override
    public boolean started() {
        return records.startProcessing(uploadId);
    }

    @Override
    public boolean text(String soFar) {
        return records.streamed(uploadId, soFar);
    }

    @Override
    public void processed(String rawText, String processedText) {
        records.processed(uploadId, rawText, processedText);
    }

    @Override
    public void failed(String message) {
        records.failed(uploadId, message);
    }
}
