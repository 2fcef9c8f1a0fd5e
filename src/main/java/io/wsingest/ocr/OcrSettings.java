package io.wsingest.ocr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;
import io.wsingest.config.Settings;

/**
 * How OCR runs: how many jobs at once and how many may wait, which Tesseract models, how large an image may be, how
 * long a job may take and how often it reports its text.
 *
 * @param enabled        whether this server runs OCR at all ({@code wsingest.ocr.enabled}); off, protocol D refuses
 *                       uploads and re-runs, as it does when the engine cannot start
 * @param workers        jobs running at the same time, each on a thread of the managed executor and with its own
 *                       Tesseract instance ({@code wsingest.ocr.workers})
 * @param queueLimit     jobs waiting for a worker; a job beyond it is refused and its upload ends in {@code error}
 *                       ({@code wsingest.ocr.queue-limit})
 * @param languages      Tesseract language codes, in priority order ({@code wsingest.ocr.languages}, comma-separated)
 * @param tessdataDir    the directory with {@code <code>.traineddata} models for languages other than the bundled
 *                       English one; null when not set ({@code wsingest.ocr.tessdata-dir})
 * @param maxImageBytes  larger images are refused before decoding ({@code wsingest.ocr.max-image-bytes})
 * @param maxImagePixels pages with more pixels (width × height) are refused before decoding
 *                       ({@code wsingest.ocr.max-image-pixels})
 * @param jobTimeout     a job still running after this long stops at its next line and ends in {@code error}
 *                       ({@code wsingest.ocr.job-timeout-seconds})
 * @param eventInterval  the least time between two {@code processing} events of one job; lines recognised in between
 *                       are sent together ({@code wsingest.ocr.event-interval-millis}, 0 sends every line)
 * @param pdfDpi         the resolution PDF pages are drawn at for OCR, lowered for a page that would otherwise have
 *                       more than {@code maxImagePixels} ({@code wsingest.ocr.pdf-dpi})
 * @param maxPdfPages    longer PDFs are refused before any page is read ({@code wsingest.ocr.max-pdf-pages})
 * @param maxAttempts    an upload whose job has started this many times without finishing (the server went down
 *                       each time) is not queued again at start-up but ends in {@code error}
 *                       ({@code wsingest.ocr.max-attempts})
 * @param maxTiffPages   TIFFs with more pages are refused before any page is decoded
 *                       ({@code wsingest.ocr.max-tiff-pages})
 * @param maxPdfContentBytes a PDF page whose drawing instructions (its content streams, the forms it draws and its
 *                       annotations' appearances, decoded) are larger is refused before it is drawn
 *                       ({@code wsingest.ocr.max-pdf-content-bytes})
 * @param maxPdfOperators a PDF page that would run more drawing operators than this (a form's each time it is
 *                       drawn) is refused before it is drawn ({@code wsingest.ocr.max-pdf-operators})
 */
public record OcrSettings(boolean enabled, int workers, int queueLimit, List<String> languages, Path tessdataDir,
                          long maxImageBytes, long maxImagePixels, Duration jobTimeout, Duration eventInterval, int pdfDpi,
                          int maxPdfPages, int maxAttempts, int maxTiffPages, long maxPdfContentBytes,
                          int maxPdfOperators) implements Settings {

    static final String ENABLED = "wsingest.ocr.enabled";
    static final String WORKERS = "wsingest.ocr.workers";
    static final String QUEUE_LIMIT = "wsingest.ocr.queue-limit";
    static final String LANGUAGES = "wsingest.ocr.languages";
    static final String TESSDATA_DIR = "wsingest.ocr.tessdata-dir";
    static final String MAX_IMAGE_BYTES = "wsingest.ocr.max-image-bytes";
    static final String MAX_IMAGE_PIXELS = "wsingest.ocr.max-image-pixels";
    static final String JOB_TIMEOUT = "wsingest.ocr.job-timeout-seconds";
    static final String EVENT_INTERVAL = "wsingest.ocr.event-interval-millis";
    static final String PDF_DPI = "wsingest.ocr.pdf-dpi";
    static final String MAX_PDF_PAGES = "wsingest.ocr.max-pdf-pages";
    static final String MAX_ATTEMPTS = "wsingest.ocr.max-attempts";
    static final String MAX_TIFF_PAGES = "wsingest.ocr.max-tiff-pages";
    static final String MAX_PDF_CONTENT_BYTES = "wsingest.ocr.max-pdf-content-bytes";
    static final String MAX_PDF_OPERATORS = "wsingest.ocr.max-pdf-operators";

    /** Tesseract's language codes: {@code eng}, {@code deu}, {@code chi_sim}, {@code script/Latin}. */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_]+(/[A-Za-z0-9_]+)?");

    public OcrSettings {
        if (workers < 1 || queueLimit < 0) {
            throw new IllegalArgumentException("workers must be at least 1 and queueLimit not negative");
        }
        languages = List.copyOf(languages);
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("at least one language");
        }
        Objects.requireNonNull(jobTimeout, "jobTimeout");
        Objects.requireNonNull(eventInterval, "eventInterval");
        if (pdfDpi < 1 || maxPdfPages < 1 || maxAttempts < 1 || maxTiffPages < 1 || maxPdfContentBytes < 1
                || maxPdfOperators < 1) {
            throw new IllegalArgumentException("pdfDpi, maxPdfPages, maxAttempts, maxTiffPages, maxPdfContentBytes"
                    + " and maxPdfOperators must be at least 1");
        }
    }

    /** The defaults with other worker and queue counts (for tests). */
    public OcrSettings(int workers, int queueLimit) {
        this(true, workers, queueLimit, List.of("eng"), null, 64L << 20, 40_000_000L, Duration.ofMinutes(5),
                Duration.ofMillis(200), 300, 100, 3, 100, 4L << 20, 500_000);
    }

    /**
     * Refuses an image of more than {@code max-image-pixels}.
     *
     * @param subject what the image is, for the message: {@code The image}, {@code An image on page 2 of the PDF}
     */
    void checkPixels(String subject, long width, long height) throws OcrFailure {
        if (width * height > maxImagePixels) {
            throw new OcrFailure(subject + " is too large for OCR: " + width + " × " + height + " pixels ("
                    + width * height + "), the limit is " + maxImagePixels + " pixels.");
        }
    }

    /** The languages as Tesseract takes them: {@code eng+deu}. */
    public String tesseractLanguages() {
        return String.join("+", languages);
    }

    public static OcrSettings from(ConfigReader r) {
        List<String> languages = r.list(LANGUAGES);
        if (languages.isEmpty()) {
            languages = List.of("eng");
        }
        for (String language : languages) {
            if (!LANGUAGE.matcher(language).matches()) {
                throw new InvalidSettingException(LANGUAGES, String.join(",", languages),
                        "must be Tesseract language codes separated by commas, such as eng,deu");
            }
        }
        return new OcrSettings(
                r.bool(ENABLED, true),
                r.intInRange(WORKERS, 2, 1, 64),
                r.intInRange(QUEUE_LIMIT, 100, 0, 100_000),
                languages,
                r.path(TESSDATA_DIR, null),
                r.bytes(MAX_IMAGE_BYTES, 64L << 20, 1024, 1L << 30),
                r.longInRange(MAX_IMAGE_PIXELS, 40_000_000L, 10_000, 1_000_000_000L),
                r.seconds(JOB_TIMEOUT, 300, 1, 86_400),
                Duration.ofMillis(r.longInRange(EVENT_INTERVAL, 200, 0, 60_000)),
                r.intInRange(PDF_DPI, 300, 72, 600),
                r.intInRange(MAX_PDF_PAGES, 100, 1, 10_000),
                r.intInRange(MAX_ATTEMPTS, 3, 1, 100),
                r.intInRange(MAX_TIFF_PAGES, 100, 1, 10_000),
                r.bytes(MAX_PDF_CONTENT_BYTES, 4L << 20, 1024, 1L << 30),
                r.intInRange(MAX_PDF_OPERATORS, 500_000, 100, 100_000_000));
    }
}
