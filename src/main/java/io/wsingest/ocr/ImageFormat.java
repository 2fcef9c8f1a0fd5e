package io.wsingest.ocr;

/**
 * The formats an upload's content is recognised as, by its first bytes: the content type that replies, events and
 * {@link OcrEngine#contentTypes()} name it by, and the extension of the file stored for it. Which of them an engine
 * reads is the engine's decision.
 */
public enum ImageFormat {
    PNG("image/png", ".png"),
    JPEG("image/jpeg", ".jpg"),
    TIFF("image/tiff", ".tif"),
    GIF("image/gif", ".gif"),
    WEBP("image/webp", ".webp"),
    BMP("image/bmp", ".bmp"),
    PDF("application/pdf", ".pdf");

    private final String contentType;
    private final String extension;

    ImageFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    /** With its dot, as in {@code .png}. */
    public String extension() {
        return extension;
    }
}
