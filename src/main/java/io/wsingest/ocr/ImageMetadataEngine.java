package io.wsingest.ocr;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;

/**
 * The placeholder engine until Tesseract arrives: it reads no text. It decodes every page of the image with the
 * JDK's ImageIO readers, which proves the image is readable, and reports one line per page with what it found, such
 * as {@code PNG image, 800 × 600 pixels, 3 channels (RGB), 8 bits per channel}. Images it cannot decode end in an
 * {@link OcrFailure} with the reader's reason. Large images are decoded with subsampling, so memory stays bounded
 * while every byte is still read.
 */
public final class ImageMetadataEngine implements OcrEngine {

    public static final String NAME = "image-metadata";

    /** Decoding is subsampled so that at most this many pixels are held per page. */
    static final long MAX_DECODED_PIXELS = 4_000_000;

    private static final Map<String, String> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("image/png", "PNG");
        FORMATS.put("image/jpeg", "JPEG");
        FORMATS.put("image/tiff", "TIFF");
        FORMATS.put("image/gif", "GIF");
        FORMATS.put("image/bmp", "BMP");
    }

    private final Set<String> contentTypes;

    public ImageMetadataEngine() {
        Set<String> readable = new LinkedHashSet<>();
        FORMATS.keySet().stream().filter(type -> ImageIO.getImageReadersByMIMEType(type).hasNext()).forEach(readable::add);
        this.contentTypes = Collections.unmodifiableSet(readable);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> contentTypes() {
        return contentTypes;
    }

    @Override
    public void recognise(SeekableByteChannel image, String contentType, OcrListener listener)
            throws OcrFailure, IOException {
        String format = FORMATS.get(contentType);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(contentType);
        if (format == null || !readers.hasNext()) {
            throw new OcrFailure("The " + NAME + " engine cannot read " + contentType + " images");
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ChannelImageInputStream in = new ChannelImageInputStream(image)) {
            reader.setInput(in, false, true);
            int pages = decode(format, () -> reader.getNumImages(true));
            if (pages < 1) {
                throw new OcrFailure("The " + format + " file holds no image");
            }
            for (int page = 0; page < pages && !listener.isCancelled(); page++) {
                int index = page;
                PageInfo info = decode(format, () -> readPage(reader, index));
                listener.onLine(describe(format, page, pages, info));
                for (String warning : warnings) {
                    listener.onLine("Warning: " + warning);
                }
                warnings.clear();
            }
        } finally {
            reader.dispose();
        }
    }

    private record PageInfo(int width, int height, ColorModel colors) {
    }

    private static PageInfo readPage(ImageReader reader, int page) throws IOException {
        int width = reader.getWidth(page);
        int height = reader.getHeight(page);
        ImageReadParam param = reader.getDefaultReadParam();
        int step = subsampling(width, height);
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage decoded = reader.read(page, param);
        return new PageInfo(width, height, decoded.getColorModel());
    }

    /** The smallest step in both directions that keeps the decoded page within {@link #MAX_DECODED_PIXELS}. */
    static int subsampling(int width, int height) {
        double pixels = (double) width * height;
        return pixels <= MAX_DECODED_PIXELS ? 1 : (int) Math.ceil(Math.sqrt(pixels / MAX_DECODED_PIXELS));
    }

    @FunctionalInterface
    private interface Decoding<T> {
        T run() throws IOException;
    }

    /**
     * Runs one decoding step, turning what a corrupt image makes a reader throw into an {@link OcrFailure}. Readers
     * report bad data as {@link IIOException} or, for truncated files, {@link EOFException}; some fail on garbage
     * with unchecked exceptions. Other I/O errors are the store's and propagate.
     */
    private static <T> T decode(String format, Decoding<T> step) throws OcrFailure, IOException {
        try {
            return step.run();
        } catch (IIOException | EOFException | RuntimeException e) {
            throw new OcrFailure("Cannot read the " + format + " image: " + reason(e), e);
        }
    }

    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                reason.append(" (").append(cause.getMessage()).append(')');
                break;
            }
        }
        return reason.toString();
    }

    static String describe(String format, int page, int pages, PageInfo info) {
        String what = pages == 1 ? format + " image" : format + " page " + (page + 1) + " of " + pages;
        return what + ", " + info.width() + " × " + info.height() + " pixels, " + colours(info.colors());
    }

    private static String colours(ColorModel model) {
        if (model instanceof IndexColorModel indexed) {
            return "1 channel (indexed, " + indexed.getMapSize() + " colours), " + indexed.getPixelSize()
                    + (indexed.getPixelSize() == 1 ? " bit" : " bits") + " per pixel";
        }
        String space = switch (model.getColorSpace().getType()) {
            case ColorSpace.TYPE_GRAY -> "grey";
            case ColorSpace.TYPE_RGB -> "RGB";
            case ColorSpace.TYPE_CMYK -> "CMYK";
            case ColorSpace.TYPE_YCbCr -> "YCbCr";
            default -> "colour space " + model.getColorSpace().getType();
        };
        if (model.hasAlpha()) {
            space += " + alpha";
        }
        int channels = model.getNumComponents();
        int[] sizes = model.getComponentSize();
        String bits = Arrays.stream(sizes).distinct().count() == 1
                ? sizes[0] + (sizes[0] == 1 ? " bit" : " bits") + " per channel"
                : Arrays.toString(sizes).replaceAll("[\\[\\] ]", "").replace(',', '/') + " bits per channel";
        return channels + (channels == 1 ? " channel (" : " channels (") + space + "), " + bits;
    }
}
