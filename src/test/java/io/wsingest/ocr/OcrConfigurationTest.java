package io.wsingest.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wsingest.config.ConfigReader;

/** Where Tesseract cannot start, or OCR is turned off, the application still gets an engine: one that reads nothing. */
class OcrConfigurationTest {

    private static final OcrSettings ENABLED = new OcrSettings(1, 0);

    private static OcrState stateOf(OcrEngine engine) {
        return ((UnavailableEngine) engine).state();
    }

    @Test
    void turnedOffStartsNoEngine() {
        OcrSettings off = OcrSettings.from(new ConfigReader(key -> Optional.ofNullable(
                Map.of("wsingest.ocr.enabled", "false").get(key))));
        OcrEngine engine = OcrConfiguration.engine(off, settings -> {
            throw new AssertionError("no engine is made when OCR is off");
        });
        assertEquals(OcrState.DISABLED, stateOf(engine));
        assertTrue(engine.contentTypes().isEmpty());
    }

    @Test
    void nativesThatDoNotLoadLeaveOcrUnavailable() {
        OcrEngine engine = OcrConfiguration.engine(ENABLED, settings -> {
            throw new UnsatisfiedLinkError("no jnitesseract in java.library.path");
        });
        assertEquals(OcrState.FAILED, stateOf(engine));
    }

    @Test
    void aMissingModelLeavesOcrUnavailable() {
        OcrEngine engine = OcrConfiguration.engine(ENABLED, settings -> {
            throw new IllegalStateException("OCR model deu.traineddata not found in /opt/tessdata");
        });
        assertEquals(OcrState.FAILED, stateOf(engine));
    }

    @Test
    void theStandInReadsNothing() {
        OcrFailure refused = assertThrows(OcrFailure.class,
                () -> new UnavailableEngine(OcrState.FAILED).recognise(null, "image/png", null));
        assertEquals("OCR is not available on this server.", refused.getMessage());
    }
}
