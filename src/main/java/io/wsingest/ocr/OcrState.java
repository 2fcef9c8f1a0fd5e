package io.wsingest.ocr;

/** Whether this server runs OCR: readiness and protocol D's refusals follow it. */
public enum OcrState {

    /** The engine started; jobs run. */
    RUNNING,

    /** Turned off by {@code wsingest.ocr.enabled=false}: a choice, not a fault. */
    DISABLED,

    /** The engine could not start (natives missing for this platform, a model missing): a fault to fix. */
    FAILED
}
