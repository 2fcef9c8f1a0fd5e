package io.wsingest.ocr;

/** What operators see of OCR over JMX, as {@code io.wsingest:type=Ocr}. */
public interface OcrStatsMBean {

    String OBJECT_NAME = "io.wsingest:type=Ocr";

    /** Jobs waiting for a worker. */
    int getWaiting();

    /** Jobs running now. */
    int getRunning();

    /** Jobs ended since the application started (processed, failed or cancelled). */
    long getFinished();

    /** How long the last job that ended took, in milliseconds; -1 before the first. */
    long getLastJobMillis();

    /** The mean duration of the jobs that ended, in milliseconds; -1 before the first. */
    long getMeanJobMillis();
}
