package io.wsingest.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;

class OcrSettingsTest {

    private static OcrSettings read(Map<String, String> values) {
        return OcrSettings.from(new ConfigReader(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void defaults() {
        assertEquals(new OcrSettings(2, 100), read(Map.of()));
    }

    @Test
    void readsBothSettings() {
        assertEquals(new OcrSettings(4, 0), read(Map.of("wsingest.ocr.workers", "4", "wsingest.ocr.queue-limit", "0")));
    }

    @Test
    void refusesZeroWorkers() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.ocr.workers", "0")));
        assertEquals("wsingest.ocr.workers", e.key());
    }

    @Test
    void readsThePdfSettingsWithinTheirRanges() {
        OcrSettings settings = read(Map.of("wsingest.ocr.pdf-dpi", "200", "wsingest.ocr.max-pdf-pages", "5"));
        assertEquals(200, settings.pdfDpi());
        assertEquals(5, settings.maxPdfPages());
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.ocr.pdf-dpi", "50")));
        assertEquals("wsingest.ocr.pdf-dpi", e.key());
    }

    @Test
    void readsTheHostileInputBoundsWithinTheirRanges() {
        OcrSettings settings = read(Map.of("wsingest.ocr.max-attempts", "5", "wsingest.ocr.max-tiff-pages", "20",
                "wsingest.ocr.max-pdf-content-bytes", "1MiB", "wsingest.ocr.max-pdf-operators", "1000"));
        assertEquals(5, settings.maxAttempts());
        assertEquals(20, settings.maxTiffPages());
        assertEquals(1L << 20, settings.maxPdfContentBytes());
        assertEquals(1000, settings.maxPdfOperators());
        for (Map.Entry<String, String> outOfRange : Map.of("wsingest.ocr.max-attempts", "0",
                "wsingest.ocr.max-tiff-pages", "0", "wsingest.ocr.max-pdf-content-bytes", "2GiB",
                "wsingest.ocr.max-pdf-operators", "10").entrySet()) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> read(Map.ofEntries(outOfRange)));
            assertEquals(outOfRange.getKey(), e.key());
        }
    }
}
