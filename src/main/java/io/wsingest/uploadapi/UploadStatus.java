package io.wsingest.uploadapi;

import java.util.Locale;

/**
 * Where an upload's OCR stands: {@code pending} (waiting for a worker) → {@code processing} → {@code processed} or
 * {@code error}. An update back to {@code pending} runs OCR again.
 */
public enum UploadStatus {
    PENDING, PROCESSING, PROCESSED, ERROR;

    /** The status as it appears on the wire: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
