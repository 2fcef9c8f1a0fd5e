package io.wsingest.ocr;

import java.nio.channels.SeekableByteChannel;
import java.util.Locale;
import java.util.Set;

/**
 * Stands in for the engine when OCR is off or Tesseract could not start, so that the rest of the application deploys
 * and runs: it reads nothing, and {@link OcrService} takes no jobs while it is the engine.
 *
 * @param state {@link OcrState#DISABLED} or {@link OcrState#FAILED}
 */
record UnavailableEngine(OcrState state) implements OcrEngine {

    UnavailableEngine {
        if (state == OcrState.RUNNING) {
            throw new IllegalArgumentException("an unavailable engine is not running");
        }
    }

    @Override
    public String name() {
        return "none (" + state.name().toLowerCase(Locale.ROOT) + ")";
    }

    @Override
    public Set<String> contentTypes() {
        return Set.of();
    }

    @Override
    public void recognise(SeekableByteChannel image, String contentType, OcrListener listener) throws OcrFailure {
        throw new OcrFailure("OCR is not available on this server.");
    }
}
