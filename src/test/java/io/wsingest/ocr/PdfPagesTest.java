package io.wsingest.ocr;

import static io.wsingest.testing.TextPages.THREE_PARAGRAPHS;
import static org.bytedeco.leptonica.global.leptonica.pixDestroy;
import static org.bytedeco.leptonica.global.leptonica.pixGetDepth;
import static org.bytedeco.leptonica.global.leptonica.pixGetHeight;
import static org.bytedeco.leptonica.global.leptonica.pixGetWidth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import org.bytedeco.leptonica.PIX;
import org.junit.jupiter.api.Test;

import io.wsingest.testing.TestPdfs;

/** How big a PDF page is drawn: at {@code pdf-dpi}, or smaller when that would pass the pixel limit. */
class PdfPagesTest {

    private static final byte[] A4 = TestPdfs.typeset(List.of(THREE_PARAGRAPHS));

    private static OcrSettings settings(long maxPixels, int dpi) {
        return new OcrSettings(true, 1, 0, List.of("eng"), null, 1 << 20, maxPixels, Duration.ofMinutes(1), Duration.ZERO,
                dpi, 10, 3, 100, 4L << 20, 500_000);
    }

    /** The width and height of the first page as drawn. */
    private static int[] drawn(OcrSettings settings) throws Exception {
        try (PdfPages pages = PdfPages.open(ByteBuffer.wrap(A4), settings)) {
            assertEquals(1, pages.count());
            PIX pix = pages.next();
            try {
                assertNull(pages.next(), "one page");
                assertEquals(8, pixGetDepth(pix), "grey");
                return new int[] {pixGetWidth(pix), pixGetHeight(pix)};
            } finally {
                pixDestroy(pix);
            }
        }
    }

    @Test
    void drawsAnA4PageAtTheConfiguredResolution() throws Exception {
        int[] at300 = drawn(settings(40_000_000, 300));
        assertEquals(2480, at300[0]);
        assertEquals(3507, at300[1], 1);
        int[] at150 = drawn(settings(40_000_000, 150));
        assertEquals(1240, at150[0]);
    }

    @Test
    void lowersTheResolutionOfAPageThatWouldPassThePixelLimit() throws Exception {
        int[] fitted = drawn(settings(4_000_000, 300));
        long pixels = (long) fitted[0] * fitted[1];
        assertTrue(pixels <= 4_000_000 && pixels > 3_900_000, () -> fitted[0] + " × " + fitted[1]);
        assertEquals(595.0 / 842, (double) fitted[0] / fitted[1], 0.002, "the page keeps its shape");
    }

    private static OcrFailure refusal(byte[] pdf, OcrSettings settings) throws Exception {
        try (PdfPages pages = PdfPages.open(ByteBuffer.wrap(pdf), settings)) {
            return assertThrows(OcrFailure.class, pages::next);
        }
    }

    @Test
    void refusesAPageWhoseCompressedDrawingInstructionsInflateBeyondTheLimit() throws Exception {
        // 60 MB of "0 0 m" decoded, about 60 KB in the file.
        byte[] bomb = TestPdfs.repeatingInstruction("0 0 m\n", 10_000_000);
        assertTrue(bomb.length < 1 << 20, () -> bomb.length + " bytes");
        assertEquals("Page 1 of the PDF is too complex for OCR: more than 4194304 bytes of drawing instructions,"
                + " the limit.", refusal(bomb, settings(40_000_000, 300)).getMessage());
    }

    @Test
    void refusesAPageWithMoreOperatorsThanTheLimit() throws Exception {
        // "n" ends a path that was never begun: nothing drawn, one operator in two bytes.
        byte[] busy = TestPdfs.repeatingInstruction("n\n", 600_000);
        assertEquals("Page 1 of the PDF is too complex for OCR: more than 500000 drawing operators, the limit.",
                refusal(busy, settings(40_000_000, 300)).getMessage());
    }

    @Test
    void countsAFormsOperatorsEachTimeThePageDrawsIt() throws Exception {
        // 1,000 drawings of a form of 1,000 operators: 1,001,000 operators drawn, from 2,000 in the file.
        byte[] amplified = TestPdfs.drawingAForm(1_000, 1_000);
        assertEquals("Page 1 of the PDF is too complex for OCR: more than 500000 drawing operators, the limit.",
                refusal(amplified, settings(40_000_000, 300)).getMessage());
        try (PdfPages pages = PdfPages.open(ByteBuffer.wrap(TestPdfs.drawingAForm(1_000, 400)),
                settings(40_000_000, 72))) {
            pixDestroy(pages.next());
        }
    }

    @Test
    void drawsAPageJustWithinTheBounds() throws Exception {
        try (PdfPages pages = PdfPages.open(ByteBuffer.wrap(TestPdfs.repeatingInstruction("n\n", 400_000)),
                settings(40_000_000, 72))) {
            PIX pix = pages.next();
            pixDestroy(pix);
        }
    }
}
