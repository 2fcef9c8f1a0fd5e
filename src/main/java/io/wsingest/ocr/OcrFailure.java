package io.wsingest.ocr;

/** An image the engine cannot read (corrupt, truncated, an unsupported variant); the message is shown to the user. */
public class OcrFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public OcrFailure(String message) {
        super(message);
    }

    public OcrFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
