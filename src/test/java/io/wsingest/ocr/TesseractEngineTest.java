package io.wsingest.ocr;

import static io.wsingest.testing.TextPages.THREE_PARAGRAPHS;
import static io.wsingest.testing.TextPages.asText;
import static io.wsingest.testing.TextPages.characterErrorRate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestPdfs;
import io.wsingest.testing.TextPages;

/** The real Tesseract engine on pages rendered by the test, with a known three-paragraph text. */
class TesseractEngineTest {

    private static final double MAX_CER = 0.02;

    private static TesseractEngine engine;

    @BeforeAll
    static void start() {
        engine = new TesseractEngine(new OcrSettings(2, 10));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** Lines as the engine hands them on, and how long after the start each came. */
    private static final class Lines implements OcrListener {
        final List<String> lines = new ArrayList<>();
        final List<Long> nanos = new ArrayList<>();
        final long start = System.nanoTime();
        int cancelAfter = Integer.MAX_VALUE;

        @Override
        public void onLine(String text) {
            lines.add(text);
            nanos.add(System.nanoTime() - start);
        }

        @Override
        public boolean isCancelled() {
            return lines.stream().filter(line -> !line.isEmpty()).count() >= cancelAfter;
        }

        String text() {
            return String.join("\n", lines);
        }
    }

    private static Lines read(byte[] image, String contentType) throws Exception {
        Lines lines = new Lines();
        try (SeekableByteChannel channel = new InMemoryChannel(image)) {
            engine.recognise(channel, contentType, lines);
        }
        return lines;
    }

    private static void assertReads(String expected, String actual) {
        double cer = characterErrorRate(expected, actual);
        assertTrue(cer < MAX_CER, () -> "character error rate " + cer + " for:\n" + actual);
    }

    @Test
    void readsThreeParagraphsOfAPngWithBlankLinesBetweenThem() throws Exception {
        Lines lines = read(TestImages.encode(TextPages.page(THREE_PARAGRAPHS, 1), "png"), "image/png");
        String text = lines.text();
        assertReads(asText(THREE_PARAGRAPHS), text);
        String[] paragraphs = text.split("\n\n");
        assertEquals(3, paragraphs.length, text);
        for (int i = 0; i < 3; i++) {
            assertReads(THREE_PARAGRAPHS.get(i), paragraphs[i]);
        }
        System.out.printf("OCR of the test page: first line after %d ms, all %d lines after %d ms%n",
                lines.nanos.get(0) / 1_000_000, lines.lines.size(), lines.nanos.get(lines.nanos.size() - 1) / 1_000_000);
    }

    @Test
    void readsAJpeg() throws Exception {
        assertReads(asText(THREE_PARAGRAPHS),
                read(TestImages.encode(TextPages.page(THREE_PARAGRAPHS, 2), "jpeg"), "image/jpeg").text());
    }

    /** The other formats Leptonica in the WAR decodes (giflib, libwebp and its own BMP reader are linked in). */
    @Test
    void readsAGifABmpAndAWebp() throws Exception {
        assertReads(asText(THREE_PARAGRAPHS),
                read(TestImages.encode(TextPages.page(THREE_PARAGRAPHS, 20), "gif"), "image/gif").text());
        assertReads(asText(THREE_PARAGRAPHS),
                read(TestImages.encode(TextPages.page(THREE_PARAGRAPHS, 21), "bmp"), "image/bmp").text());
        assertReads(asText(THREE_PARAGRAPHS), read(TestImages.webp(TextPages.page(THREE_PARAGRAPHS, 22)), "image/webp")
                .text());
    }

    @Test
    void refusesAGifWhoseFramesAreTooLargeBeforeDecodingIt() {
        OcrFailure failure = assertThrows(OcrFailure.class, () -> read(TestImages.gifClaiming(60_000, 60_000),
                "image/gif"));
        assertEquals("The GIF image is too large for OCR: 60000 × 60000 pixels (3600000000), the limit is 40000000"
                + " pixels.", failure.getMessage());
    }

    @Test
    void readsEveryPageOfATiffInOrder() throws Exception {
        List<String> first = THREE_PARAGRAPHS.subList(0, 1);
        List<String> second = THREE_PARAGRAPHS.subList(1, 3);
        byte[] tiff = TestImages.multiPageTiff(TextPages.page(first, 3), TextPages.page(second, 4));
        assertReads(asText(THREE_PARAGRAPHS), read(tiff, "image/tiff").text());
    }

    @Test
    void straightensATiltedPage() throws Exception {
        for (double degrees : new double[] {2.5, -2.5}) {
            byte[] png = TestImages.encode(TextPages.tilted(TextPages.page(THREE_PARAGRAPHS, 5), degrees), "png");
            assertReads(asText(THREE_PARAGRAPHS), read(png, "image/png").text());
        }
    }

    @Test
    void readsALargeScanItLaysOutAtHalfSizeKeepingItsParagraphs() throws Exception {
        BufferedImage large = TextPages.scaled(TextPages.page(THREE_PARAGRAPHS, 12), 1.6);
        String text = read(TestImages.encode(large, "png"), "image/png").text();
        assertReads(asText(THREE_PARAGRAPHS), text);
        assertEquals(3, text.split("\n\n").length, text);
    }

    @Test
    void straightensATiltedLargeScan() throws Exception {
        BufferedImage large = TextPages.tilted(TextPages.scaled(TextPages.page(THREE_PARAGRAPHS, 13), 1.6), -2.5);
        assertReads(asText(THREE_PARAGRAPHS), read(TestImages.encode(large, "png"), "image/png").text());
    }

    @Test
    void readsALargeOneBitScan() throws Exception {
        BufferedImage grey = TextPages.scaled(TextPages.page(THREE_PARAGRAPHS, 14), 1.6);
        BufferedImage oneBit = new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = oneBit.createGraphics();
        g.drawImage(grey, 0, 0, null);
        g.dispose();
        assertReads(asText(THREE_PARAGRAPHS), read(TestImages.encode(oneBit, "png"), "image/png").text());
    }

    @Test
    void streamsLinesAsGrowingTextBeforeTheFinalOne() {
        byte[] png = TestImages.encode(TextPages.page(THREE_PARAGRAPHS, 6), "png");
        RecordingProgress progress = new RecordingProgress();
        OcrJob job = new OcrJob("u1", () -> new InMemoryChannel(png), "image/png", engine, progress);
        job.run();
        List<String> events = progress.calls;
        assertEquals("started", events.get(0));
        String last = events.get(events.size() - 1);
        assertTrue(last.startsWith("processed:"), last);
        List<String> partial = events.subList(1, events.size() - 1);
        assertTrue(partial.size() >= 3, events::toString);
        String previous = "";
        for (String event : partial) {
            assertTrue(event.startsWith("text:"), event);
            String text = event.substring("text:".length());
            assertTrue(text.startsWith(previous) && text.length() > previous.length(), () -> "not growing: " + events);
            previous = text;
        }
        assertEquals(previous, progress.rawText);
        assertReads(asText(THREE_PARAGRAPHS), previous);
    }

    @Test
    void stopsBetweenLinesWhenCancelled() throws Exception {
        Lines lines = new Lines();
        lines.cancelAfter = 2;
        try (SeekableByteChannel channel = new InMemoryChannel(TestImages.encode(TextPages.page(THREE_PARAGRAPHS, 7), "png"))) {
            engine.recognise(channel, "image/png", lines);
        }
        assertEquals(2, lines.lines.stream().filter(line -> !line.isEmpty()).count(), lines.lines::toString);
    }

    @Test
    void aCorruptImageIsAFailureForTheUser() {
        byte[] truncated = TestImages.truncated(TestImages.encode(TextPages.page(THREE_PARAGRAPHS, 8), "png"), 100);
        OcrFailure failure = assertThrows(OcrFailure.class, () -> read(truncated, "image/png"));
        assertTrue(failure.getMessage().startsWith("Cannot read the PNG image: "), failure.getMessage());
        OcrFailure garbage = assertThrows(OcrFailure.class, () -> read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "image/tiff"));
        assertTrue(garbage.getMessage().startsWith("Cannot read the TIFF image: "), garbage.getMessage());
    }

    @Test
    void otherContentTypesAreRefusedNamingTheAcceptedOnes() {
        OcrFailure failure = assertThrows(OcrFailure.class, () -> read("<svg/>".getBytes(), "image/svg+xml"));
        assertEquals("Unsupported content type image/svg+xml for OCR; accepted: image/png, image/jpeg, image/tiff,"
                + " image/gif, image/bmp, image/webp, application/pdf.", failure.getMessage());
    }

    @Test
    void readsEveryPageOfATypesetPdfInOrderWithABlankLineBetweenPages() throws Exception {
        byte[] pdf = TestPdfs.typeset(List.of(THREE_PARAGRAPHS.subList(0, 1), THREE_PARAGRAPHS.subList(1, 3)));
        String text = read(pdf, "application/pdf").text();
        assertReads(asText(THREE_PARAGRAPHS), text);
        String[] paragraphs = text.split("\n\n");
        assertEquals(3, paragraphs.length, text);
        assertReads(THREE_PARAGRAPHS.get(0), paragraphs[0]);
    }

    @Test
    void readsAScannedPdf() throws Exception {
        byte[] pdf = TestPdfs.scanned(TextPages.page(THREE_PARAGRAPHS, 12));
        assertReads(asText(THREE_PARAGRAPHS), read(pdf, "application/pdf").text());
    }

    @Test
    void readsAPdfThatHasOnlyAnOwnerPassword() throws Exception {
        byte[] restricted = TestPdfs.encrypted(List.of(THREE_PARAGRAPHS), "");
        assertReads(asText(THREE_PARAGRAPHS), read(restricted, "application/pdf").text());
    }

    @Test
    void drawsAPdfPageThatWouldExceedThePixelLimitAtALowerResolution() throws Exception {
        // An A4 page at 300 dpi has 8.7 million pixels; this limit draws it at about 200 dpi, still readable.
        OcrSettings settings = new OcrSettings(true, 1, 0, List.of("eng"), null, 1 << 20, 4_000_000, Duration.ofMinutes(1),
                Duration.ZERO, 300, 10, 3, 100, 4L << 20, 500_000);
        try (TesseractEngine limited = new TesseractEngine(settings)) {
            Lines lines = new Lines();
            limited.recognise(new InMemoryChannel(TestPdfs.typeset(List.of(THREE_PARAGRAPHS))), "application/pdf",
                    lines);
            assertReads(asText(THREE_PARAGRAPHS), lines.text());
        }
    }

    @Test
    void refusesPdfsItCannotOrMustNotRead() throws Exception {
        OcrFailure garbage = assertThrows(OcrFailure.class,
                () -> read("%PDF-1.7\nnot a document".getBytes(), "application/pdf"));
        assertEquals("Cannot read the PDF: it is corrupt or truncated.", garbage.getMessage());

        byte[] locked = TestPdfs.encrypted(List.of(THREE_PARAGRAPHS), "secret");
        OcrFailure password = assertThrows(OcrFailure.class, () -> read(locked, "application/pdf"));
        assertEquals("Cannot read the PDF: it is protected by a password.", password.getMessage());

        byte[] bomb = TestPdfs.claimingAnImageOf(100_000, 100_000);
        OcrFailure image = assertThrows(OcrFailure.class, () -> read(bomb, "application/pdf"));
        assertEquals("An image on page 1 of the PDF is too large for OCR: 100000 × 100000 pixels (10000000000),"
                + " the limit is 40000000 pixels.", image.getMessage());

        OcrSettings twoPages = new OcrSettings(true, 1, 0, List.of("eng"), null, 1 << 20, 40_000_000, Duration.ofMinutes(1),
                Duration.ZERO, 300, 2, 3, 100, 4L << 20, 500_000);
        byte[] three = TestPdfs.typeset(List.of(THREE_PARAGRAPHS, THREE_PARAGRAPHS, THREE_PARAGRAPHS));
        try (TesseractEngine limited = new TesseractEngine(twoPages)) {
            Lines lines = new Lines();
            OcrFailure pages = assertThrows(OcrFailure.class,
                    () -> limited.recognise(new InMemoryChannel(three), "application/pdf", lines));
            assertEquals("The PDF is too long for OCR: 3 pages, the limit is 2 pages.", pages.getMessage());
            assertEquals(List.of(), lines.lines, "refused before any page is read");
        }
    }

    @Test
    void refusesTooManyPixelsFromTheHeaderAndTooManyBytes() throws Exception {
        byte[] png = TestImages.encode(TextPages.page(THREE_PARAGRAPHS, 9), "png");
        OcrSettings small = new OcrSettings(true, 1, 0, List.of("eng"), null, 1 << 20, 100_000, Duration.ofMinutes(1),
                Duration.ZERO, 300, 100, 3, 100, 4L << 20, 500_000);
        try (TesseractEngine limited = new TesseractEngine(small)) {
            OcrFailure pixels = assertThrows(OcrFailure.class,
                    () -> limited.recognise(new InMemoryChannel(png), "image/png", new Lines()));
            assertTrue(pixels.getMessage().startsWith("The image is too large for OCR: 1800 × "), pixels.getMessage());
            byte[] large = TestImages.png(2000, 2000, 10);
            OcrFailure bytes = assertThrows(OcrFailure.class,
                    () -> limited.recognise(new InMemoryChannel(large), "image/png", new Lines()));
            assertTrue(bytes.getMessage().startsWith("The image is too large for OCR: " + large.length + " bytes"),
                    bytes.getMessage());
        }
    }

    @Test
    void aMissingModelIsAStartUpErrorNamingIt(@TempDir Path dir) {
        OcrSettings german = new OcrSettings(true, 1, 0, List.of("eng", "deu"), dir, 1 << 20, 100_000,
                Duration.ofMinutes(1), Duration.ZERO, 300, 100, 3, 100, 4L << 20, 500_000);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new TesseractEngine(german));
        assertEquals("OCR models eng.traineddata, deu.traineddata not found in " + dir
                + " (wsingest.ocr.tessdata-dir), needed by wsingest.ocr.languages=eng,deu", e.getMessage());

        OcrSettings noDir = new OcrSettings(true, 1, 0, List.of("deu"), null, 1 << 20, 100_000, Duration.ofMinutes(1),
                Duration.ZERO, 300, 100, 3, 100, 4L << 20, 500_000);
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> new TesseractEngine(noDir));
        assertTrue(none.getMessage().contains("deu.traineddata") && none.getMessage().contains("wsingest.ocr.tessdata-dir"),
                none.getMessage());
    }

    @Test
    void loadsModelsFromTheConfiguredDirectory(@TempDir Path dir) throws Exception {
        try (InputStream model = getClass().getResourceAsStream(TesseractEngine.BUNDLED_MODEL)) {
            Files.copy(model, dir.resolve("eng.traineddata"));
        }
        OcrSettings fromDir = new OcrSettings(true, 1, 0, List.of("eng"), dir, 64 << 20, 40_000_000, Duration.ofMinutes(1),
                Duration.ZERO, 300, 100, 3, 100, 4L << 20, 500_000);
        try (TesseractEngine configured = new TesseractEngine(fromDir)) {
            assertTrue(configured.languages().contains(dir.toString()), configured.languages());
            Lines lines = new Lines();
            configured.recognise(new InMemoryChannel(TestImages.encode(TextPages.page(THREE_PARAGRAPHS.subList(0, 1), 11),
                    "png")), "image/png", lines);
            assertReads(THREE_PARAGRAPHS.get(0), lines.text());
        }
    }

    @Test
    void runsJobsOnSeveralThreadsAtOnce() throws Exception {
        byte[] png = TestImages.encode(TextPages.page(THREE_PARAGRAPHS.subList(2, 3), 12), "png");
        AtomicInteger good = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread thread = new Thread(() -> {
                try {
                    Lines lines = new Lines();
                    engine.recognise(new InMemoryChannel(png), "image/png", lines);
                    if (characterErrorRate(THREE_PARAGRAPHS.get(2), lines.text()) < MAX_CER) {
                        good.incrementAndGet();
                    }
                } catch (OcrFailure | IOException e) {
                    throw new AssertionError(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofMinutes(1).toMillis());
        }
        assertEquals(4, good.get());
    }
}
