package io.wsingest.ocr;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Set;

/**
 * Reads the text of an image, line by line. Implementations are thread-safe: the queue runs several jobs at once on
 * one engine.
 */
public interface OcrEngine {

    /** A short name for logs, such as {@code tesseract}. */
    String name();

    /** The content types (MIME) this engine reads; uploads of other types are refused before a job is made. */
    Set<String> contentTypes();

    /**
     * Recognises the text of one image, handing each line (or block) to the listener as soon as it is known, in
     * reading order. Checks {@link OcrListener#isCancelled()} between lines and returns early when it is set.
     *
     * @param image       the image's bytes; the engine may seek, and does not close it
     * @param contentType one of {@link #contentTypes()}, sniffed from the bytes
     * @throws OcrFailure  when the image cannot be read, with a message fit for the user
     * @throws IOException when the bytes cannot be read from the store
     */
    void recognise(SeekableByteChannel image, String contentType, OcrListener listener) throws OcrFailure, IOException;
}
