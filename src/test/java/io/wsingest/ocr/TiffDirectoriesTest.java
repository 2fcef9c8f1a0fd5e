package io.wsingest.ocr;

import static io.wsingest.testing.TextPages.THREE_PARAGRAPHS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wsingest.testing.TestImages;
import io.wsingest.testing.TextPages;

/** Every page of a TIFF is checked from its directory before any is decoded. */
class TiffDirectoriesTest {

    private static OcrSettings settings(long maxPixels, int maxTiffPages) {
        return new OcrSettings(true, 1, 0, List.of("eng"), null, 1 << 20, maxPixels, Duration.ofMinutes(1), Duration.ZERO,
                300, 100, 3, maxTiffPages, 4L << 20, 500_000);
    }

    private static int check(byte[] tiff, OcrSettings settings) throws OcrFailure {
        return TiffDirectories.check(ByteBuffer.wrap(tiff), settings);
    }

    @Test
    void countsThePagesOfATiffAnEncoderWrote() throws Exception {
        byte[] tiff = TestImages.multiPageTiff(TextPages.page(THREE_PARAGRAPHS.subList(0, 1), 1),
                TextPages.page(THREE_PARAGRAPHS.subList(1, 2), 2));
        assertEquals(2, check(tiff, settings(40_000_000, 100)));
    }

    @Test
    void refusesAHugePageClaimedByATinyFileNamingThePage() {
        byte[] tiff = TestImages.tiffClaiming(3, 1, 1);
        ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN).putInt(8 + 2 * 42 + 2 + 8, 100_000)
                .putInt(8 + 2 * 42 + 2 + 12 + 8, 100_000);
        OcrFailure e = assertThrows(OcrFailure.class, () -> check(tiff, settings(40_000_000, 100)));
        assertEquals("Page 3 of the TIFF image is too large for OCR: 100000 × 100000 pixels (10000000000), the limit"
                + " is 40000000 pixels.", e.getMessage());
    }

    @Test
    void refusesMorePagesThanTheLimitBeforeLookingFurther() {
        OcrFailure e = assertThrows(OcrFailure.class, () -> check(TestImages.tiffClaiming(5, 10, 10),
                settings(40_000_000, 4)));
        assertEquals("The TIFF is too long for OCR: more than 4 pages, the limit is 4 pages.", e.getMessage());
    }

    @Test
    void refusesADirectoryChainThatLoops() {
        byte[] tiff = TestImages.tiffClaiming(2, 10, 10);
        // The second directory's next-directory offset points back at the first.
        ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN).putInt(tiff.length - 4, 8);
        OcrFailure e = assertThrows(OcrFailure.class, () -> check(tiff, settings(40_000_000, 100)));
        assertEquals("Cannot read the TIFF image: its page directory is corrupt or truncated.", e.getMessage());
    }

    @Test
    void refusesTruncatedOrSizelessDirectories() {
        byte[] tiff = TestImages.tiffClaiming(2, 10, 10);
        byte[] cut = java.util.Arrays.copyOf(tiff, tiff.length - 10);
        assertThrows(OcrFailure.class, () -> check(cut, settings(40_000_000, 100)));
        byte[] pointsOutside = tiff.clone();
        ByteBuffer.wrap(pointsOutside).order(ByteOrder.LITTLE_ENDIAN).putInt(4, Integer.MAX_VALUE);
        assertThrows(OcrFailure.class, () -> check(pointsOutside, settings(40_000_000, 100)));
        byte[] noWidth = tiff.clone();
        ByteBuffer.wrap(noWidth).order(ByteOrder.LITTLE_ENDIAN).putShort(10, (short) 999);
        assertThrows(OcrFailure.class, () -> check(noWidth, settings(40_000_000, 100)));
    }
}
