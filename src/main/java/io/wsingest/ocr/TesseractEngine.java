package io.wsingest.ocr;

import static org.bytedeco.leptonica.global.leptonica.L_BRING_IN_WHITE;
import static org.bytedeco.leptonica.global.leptonica.L_ROTATE_AREA_MAP;
import static org.bytedeco.leptonica.global.leptonica.L_SEVERITY_NONE;
import static org.bytedeco.leptonica.global.leptonica.setMsgSeverity;
import static org.bytedeco.leptonica.global.leptonica.pixDestroy;
import static org.bytedeco.leptonica.global.leptonica.pixGetHeight;
import static org.bytedeco.leptonica.global.leptonica.pixGetWidth;
import static org.bytedeco.leptonica.global.leptonica.pixReadHeaderMem;
import static org.bytedeco.leptonica.global.leptonica.pixReadMem;
import static org.bytedeco.leptonica.global.leptonica.pixReadMemFromMultipageTiff;
import static org.bytedeco.leptonica.global.leptonica.pixRotate;
import static org.bytedeco.leptonica.global.leptonica.pixScaleAreaMap2;
import static org.bytedeco.tesseract.global.tesseract.OEM_LSTM_ONLY;
import static org.bytedeco.tesseract.global.tesseract.PSM_AUTO;
import static org.bytedeco.tesseract.global.tesseract.PSM_SINGLE_LINE;
import static org.bytedeco.tesseract.global.tesseract.RIL_BLOCK;
import static org.bytedeco.tesseract.global.tesseract.RIL_PARA;
import static org.bytedeco.tesseract.global.tesseract.RIL_TEXTLINE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.leptonica.PIX;
import org.bytedeco.tesseract.PageIterator;
import org.bytedeco.tesseract.StringVector;
import org.bytedeco.tesseract.TessBaseAPI;

/**
 * Tesseract (the JavaCPP build, natives for Linux x86-64 inside the jars) reading PNG, JPEG, and every page of a TIFF
 * or a PDF ({@link PdfPages} draws those).
 * Each page is read in three steps so its text streams: layout analysis finds the text lines (and straightens the page
 * first when it is tilted), then each line is recognised on its own and handed to the listener at once. A new block or
 * paragraph, and a new page, is marked by an empty line, so the whole text has a blank line between paragraphs.
 *
 * <p>{@link TessBaseAPI} is not thread-safe: the engine keeps a pool of initialised instances, at most one per worker,
 * and lends one to each job. The first is made by the constructor, so a missing model fails at start-up, naming it.
 * Image size limits are checked on the raw bytes and the header (every page's, for a TIFF) before anything is decoded.
 */
public final class TesseractEngine implements OcrEngine, AutoCloseable {

    public static final String NAME = "tesseract";

    /** The English model in the WAR, unpacked from Maven Central at build time. */
    static final String BUNDLED_MODEL = "/tessdata/eng.traineddata";

    private static final Logger LOG = Logger.getLogger(TesseractEngine.class.getName());

    /** In the order messages name them; messages name a format by its subtype: PNG, TIFF, PDF. */
    private static final Set<String> CONTENT_TYPES = Collections.unmodifiableSet(new LinkedHashSet<>(
            Stream.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.TIFF, ImageFormat.GIF, ImageFormat.BMP,
                            ImageFormat.WEBP, ImageFormat.PDF)
                    .map(ImageFormat::contentType).toList()));

    /** Below this tilt (radians, about 0.3°) a page is read as it is. */
    private static final float DESKEW_THRESHOLD = 0.005f;

    /**
     * Pages this wide or tall (scans at 300 dpi and more) are laid out at half size: the same lines in about a third
     * of the time, so the first line streams sooner. The lines themselves are read at full size.
     */
    private static final int HALF_SIZE_LAYOUT_PIXELS = 2000;

    /** Pixels added around each line box, so that descenders and accents cut by the layout are still read. */
    private static final int LINE_MARGIN = 2;

    private final OcrSettings settings;
    private final byte[] bundledModel;
    private final LinkedBlockingDeque<TessBaseAPI> idle = new LinkedBlockingDeque<>();
    private final List<TessBaseAPI> all = new ArrayList<>();
    private boolean closed;

    /**
     * Loads the models and makes the first Tesseract instance.
     *
     * @throws IllegalStateException when a model is missing or Tesseract refuses it; the message names the model
     */
    public TesseractEngine(OcrSettings settings) {
        // Leptonica reports corrupt images on stderr; they end as an OcrFailure with a message instead.
        setMsgSeverity(L_SEVERITY_NONE);
        this.settings = settings;
        this.bundledModel = usesBundledModel(settings) ? readBundledModel() : null;
        if (bundledModel == null) {
            checkModels(settings);
        }
        TessBaseAPI first = newApi();
        all.add(first);
        idle.add(first);
    }

    /** English alone, and no English model in the configured directory: the bundled one is used. */
    private static boolean usesBundledModel(OcrSettings settings) {
        return settings.languages().equals(List.of("eng"))
                && (settings.tessdataDir() == null || !Files.isRegularFile(settings.tessdataDir().resolve("eng.traineddata")));
    }

    private static byte[] readBundledModel() {
        try (InputStream in = TesseractEngine.class.getResourceAsStream(BUNDLED_MODEL)) {
            if (in == null) {
                throw new IllegalStateException("The bundled OCR model for eng (" + BUNDLED_MODEL.substring(1)
                        + ") is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("The bundled OCR model for eng could not be read", e);
        }
    }

    /** Every language's model must be in the configured directory; the message names each missing one. */
    static void checkModels(OcrSettings settings) {
        Path dir = settings.tessdataDir();
        if (dir == null) {
            throw new IllegalStateException("OCR languages " + settings.languages() + " need models: only eng is"
                    + " bundled, so set " + OcrSettings.TESSDATA_DIR + " to a directory holding "
                    + modelFiles(settings.languages()));
        }
        List<String> missing = settings.languages().stream()
                .filter(language -> !Files.isReadable(dir.resolve(language + ".traineddata")))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("OCR model" + (missing.size() == 1 ? " " : "s ") + modelFiles(missing)
                    + " not found in " + dir + " (" + OcrSettings.TESSDATA_DIR + "), needed by "
                    + OcrSettings.LANGUAGES + "=" + String.join(",", settings.languages()));
        }
    }

    private static String modelFiles(List<String> languages) {
        return String.join(", ", languages.stream().map(language -> language + ".traineddata").toList());
    }

    private TessBaseAPI newApi() {
        TessBaseAPI api = new TessBaseAPI();
        int rc;
        if (bundledModel != null) {
            try (BytePointer data = new BytePointer(bundledModel); BytePointer language = new BytePointer("eng")) {
                rc = api.Init(data, bundledModel.length, language, OEM_LSTM_ONLY, (PointerPointer<?>) null, 0,
                        (StringVector) null, (StringVector) null, false, (org.bytedeco.tesseract.FileReader) null);
            }
        } else {
            rc = api.Init(settings.tessdataDir().toString() + "/", settings.tesseractLanguages(), OEM_LSTM_ONLY);
        }
        if (rc == 0) {
            // Tesseract's diagnostics ("Estimating resolution as 300") would otherwise go to the server's stderr.
            api.SetVariable("debug_file", "/dev/null");
        } else {
            api.End();
            api.close();
            throw new IllegalStateException("Tesseract could not load the OCR model for " + settings.tesseractLanguages()
                    + (bundledModel != null ? " (bundled)" : " from " + settings.tessdataDir()));
        }
        return api;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> contentTypes() {
        return CONTENT_TYPES;
    }

    /** The languages the engine reads, for logs. */
    public String languages() {
        return settings.tesseractLanguages() + (bundledModel != null ? " (bundled model)" : " from " + settings.tessdataDir());
    }

    @Override
    public void recognise(SeekableByteChannel image, String contentType, OcrListener listener)
            throws OcrFailure, IOException {
        if (!CONTENT_TYPES.contains(contentType)) {
            throw new OcrFailure("Unsupported content type " + contentType + " for OCR; accepted: "
                    + String.join(", ", CONTENT_TYPES) + ".");
        }
        String format = contentType.substring(contentType.indexOf('/') + 1).toUpperCase(Locale.ROOT);
        long size = image.size();
        if (size > settings.maxImageBytes()) {
            throw new OcrFailure("The image is too large for OCR: " + size + " bytes, the limit is "
                    + settings.maxImageBytes() + " bytes.");
        }
        try (BytePointer data = new BytePointer(size)) {
            read(image, data, size);
            if (format.equals("PDF")) {
                // Parsed before a Tesseract instance is taken: a PDF refused whole does not hold one up.
                try (PdfPages pdf = PdfPages.open(data.asByteBuffer(), settings)) {
                    readPages(pdf, listener);
                }
                return;
            }
            if (format.equals("TIFF")) {
                TiffDirectories.check(data.asByteBuffer(), settings);
                try (SizeTPointer offset = new SizeTPointer(1)) {
                    readPages(tiffPages(data, size, offset.put(0L)), listener);
                }
            } else {
                if (format.equals("GIF")) {
                    // Leptonica's header reader decodes a GIF whole: its frames are checked first.
                    GifFrames.check(data.asByteBuffer(), settings);
                }
                checkHeader(format, data, size);
                readPages(singleImage(format, data, size), listener);
            }
        }
    }

    /** The pages of one image or document, decoded or drawn one at a time; the reader destroys each. */
    interface Pages {

        /** The next page, or null after the last. */
        PIX next() throws OcrFailure;
    }

    /** Reads page after page with one Tesseract instance, until the last or until the job is cancelled. */
    private void readPages(Pages pages, OcrListener listener) throws OcrFailure, IOException {
        TessBaseAPI api = acquire();
        try {
            Reading reading = new Reading(listener);
            for (PIX pix; !listener.isCancelled() && (pix = pages.next()) != null; ) {
                try {
                    reading.read(api, pix);
                } finally {
                    pixDestroy(pix);
                }
            }
        } finally {
            api.Clear();
            idle.addFirst(api);
        }
    }

    private static Pages singleImage(String format, BytePointer data, long size) {
        return new Pages() {
            private boolean decoded;

            @Override
            public PIX next() throws OcrFailure {
                if (decoded) {
                    return null;
                }
                decoded = true;
                PIX pix = pixReadMem(data, size);
                if (pix == null) {
                    throw new OcrFailure("Cannot read the " + format + " image: it is corrupt or truncated.");
                }
                return pix;
            }
        };
    }

    /** Every page of a TIFF, in order; {@link TiffDirectories} has checked them all before the first is decoded. */
    private Pages tiffPages(BytePointer data, long size, SizeTPointer offset) {
        return new Pages() {
            private int number;

            @Override
            public PIX next() throws OcrFailure {
                // Leptonica sets the offset to 0 after the last page.
                if (number > 0 && offset.get() == 0) {
                    return null;
                }
                number++;
                PIX pix = pixReadMemFromMultipageTiff(data, size, offset);
                if (pix == null) {
                    throw new OcrFailure("Cannot read page " + number + " of the TIFF image: it is corrupt or truncated.");
                }
                return pix;
            }
        };
    }

    /** Reads the whole image (at most {@code max-image-bytes}, at most 1 GiB) into native memory. */
    private static void read(SeekableByteChannel image, BytePointer data, long size) throws IOException {
        image.position(0);
        ByteBuffer buffer = data.asByteBuffer();
        while (buffer.hasRemaining()) {
            if (image.read(buffer) < 0) {
                throw new IOException("The image ended after " + buffer.position() + " of " + size + " bytes");
            }
        }
    }

    /** Reads the image's size from its header, before decoding, and refuses pages beyond the pixel limit. */
    private void checkHeader(String format, BytePointer data, long size) throws OcrFailure {
        try (IntPointer fileFormat = new IntPointer(1); IntPointer width = new IntPointer(1);
             IntPointer height = new IntPointer(1); IntPointer bitsPerSample = new IntPointer(1);
             IntPointer samplesPerPixel = new IntPointer(1); IntPointer colourMap = new IntPointer(1)) {
            int rc = pixReadHeaderMem(data, size, fileFormat, width, height, bitsPerSample, samplesPerPixel, colourMap);
            if (rc != 0 || width.get() <= 0 || height.get() <= 0) {
                throw new OcrFailure("Cannot read the " + format + " image: its header is corrupt or truncated.");
            }
            settings.checkPixels("The image", width.get(), height.get());
        }
    }

    /** One text line found by the layout analysis, and whether it starts a block or a paragraph. */
    private record Line(int left, int top, int right, int bottom, boolean startsParagraph) {
    }

    /** The reading of one image or document, page after page: the listener, and the lines read so far. */
    private static final class Reading {

        final OcrListener listener;
        int lines;

        Reading(OcrListener listener) {
            this.listener = listener;
        }

        void read(TessBaseAPI api, PIX original) {
            PIX pix = original;
            List<Line> layout = layout(api, pix);
            float tilt = skew;
            if (Math.abs(tilt) > DESKEW_THRESHOLD) {
                // Tesseract's deskew angle and Leptonica's rotation count in opposite directions.
                PIX straight = pixRotate(pix, -tilt, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
                if (straight != null) {
                    pix = straight;
                    layout = layout(api, pix);
                }
            }
            try {
                api.SetImage(pix);
                api.SetPageSegMode(PSM_SINGLE_LINE);
                int width = pixGetWidth(pix);
                int height = pixGetHeight(pix);
                boolean newPage = lines > 0;
                for (Line line : layout) {
                    if (listener.isCancelled()) {
                        return;
                    }
                    int left = Math.max(0, line.left() - LINE_MARGIN);
                    int top = Math.max(0, line.top() - LINE_MARGIN);
                    int right = Math.min(width, line.right() + LINE_MARGIN);
                    int bottom = Math.min(height, line.bottom() + LINE_MARGIN);
                    api.SetRectangle(left, top, right - left, bottom - top);
                    String text;
                    try (BytePointer utf8 = api.GetUTF8Text()) {
                        text = utf8 == null ? "" : utf8.getString(java.nio.charset.StandardCharsets.UTF_8).strip();
                    }
                    if (text.isEmpty()) {
                        continue;
                    }
                    if (lines > 0 && (line.startsParagraph() || newPage)) {
                        listener.onLine("");
                    }
                    newPage = false;
                    lines++;
                    listener.onLine(text);
                }
            } finally {
                if (pix != original) {
                    pixDestroy(pix);
                }
            }
        }

        /** The skew of the last page analysed, radians, as Tesseract's deskew angle. */
        private float skew;

        private List<Line> layout(TessBaseAPI api, PIX pix) {
            boolean large = Math.max(pixGetWidth(pix), pixGetHeight(pix)) >= HALF_SIZE_LAYOUT_PIXELS;
            // Null when Leptonica cannot scale this kind of image down: it is then laid out at full size.
            PIX half = large ? pixScaleAreaMap2(pix) : null;
            int scale = half != null ? 2 : 1;
            try {
                api.SetImage(half != null ? half : pix);
                return layout(api, scale);
            } finally {
                if (half != null) {
                    pixDestroy(half);
                }
            }
        }

        /** The lines of the image set in {@code api}, their boxes multiplied by {@code scale}. */
        private List<Line> layout(TessBaseAPI api, int scale) {
            api.SetPageSegMode(PSM_AUTO);
            List<Line> found = new ArrayList<>();
            skew = 0;
            try (PageIterator it = api.AnalyseLayout()) {
                if (it == null) {
                    return found;
                }
                it.Begin();
                float[] angle = new float[1];
                it.Orientation(new int[1], new int[1], new int[1], angle);
                skew = angle[0];
                int[] l = new int[1];
                int[] t = new int[1];
                int[] r = new int[1];
                int[] b = new int[1];
                do {
                    if (it.BoundingBox(RIL_TEXTLINE, l, t, r, b)) {
                        found.add(new Line(l[0] * scale, t[0] * scale, r[0] * scale, b[0] * scale,
                                it.IsAtBeginningOf(RIL_BLOCK) || it.IsAtBeginningOf(RIL_PARA)));
                    }
                } while (it.Next(RIL_TEXTLINE));
            }
            return found;
        }
    }

    private TessBaseAPI acquire() throws IOException {
        TessBaseAPI api = idle.pollFirst();
        if (api != null) {
            return api;
        }
        synchronized (this) {
            if (closed) {
                throw new IOException("The OCR engine is shut down");
            }
            if (all.size() < settings.workers()) {
                TessBaseAPI made = newApi();
                all.add(made);
                return made;
            }
        }
        try {
            return idle.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for a Tesseract instance", e);
        }
    }

    /** Ends every Tesseract instance; jobs still running keep theirs until they end (the queue cancels them first). */
    @Override
    public synchronized void close() {
        closed = true;
        for (TessBaseAPI api : all) {
            if (idle.remove(api)) {
                api.End();
                api.close();
            } else {
                LOG.warning("A Tesseract instance was still in use at shutdown; it is left to the garbage collector");
            }
        }
        all.clear();
    }
}
