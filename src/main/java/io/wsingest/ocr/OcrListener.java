package io.wsingest.ocr;

/** Receives an engine's results as they come; called on the job's thread. */
public interface OcrListener {

    /** One more line or block of text, in reading order, without its line break. */
    void onLine(String text);

    /** Whether the job was cancelled; the engine stops at the next opportunity. */
    boolean isCancelled();
}
