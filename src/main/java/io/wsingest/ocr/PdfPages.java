package io.wsingest.ocr;

import static org.bytedeco.leptonica.global.leptonica.pixCreate;
import static org.bytedeco.leptonica.global.leptonica.pixGetData;
import static org.bytedeco.leptonica.global.leptonica.pixGetWpl;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorName;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.leptonica.PIX;

/**
 * The pages of a PDF (PDFBox), drawn one at a time as greyscale images for the OCR engine. What could make a page
 * large is checked before it is drawn: the number of pages, the page's size at the rendering resolution, and every
 * image the page draws. A page that would have more pixels than the limit at {@code pdf-dpi} is drawn at the highest
 * resolution that fits, so a poster is read less sharply rather than refused. A page's drawing instructions are
 * bounded as images are: a page whose content streams are too large or hold too many operators is refused before it
 * is drawn.
 */
final class PdfPages implements TesseractEngine.Pages, AutoCloseable {

    /** PDF sizes are in points, 72 to the inch. */
    private static final float POINTS_PER_INCH = 72f;

    private final PDDocument document;
    private final PDFRenderer renderer;
    private final OcrSettings settings;
    private int nextIndex;

    private PdfPages(PDDocument document, OcrSettings settings) {
        this.document = document;
        this.renderer = new PDFRenderer(document);
        // An image with more pixels than it is drawn with is decoded at the drawn size (every n-th pixel), not whole:
        // this also keeps down the memory of images the pixel check below cannot see (inline ones, annotations').
        renderer.setSubsamplingAllowed(true);
        this.settings = settings;
    }

    /**
     * Parses the document held in {@code pdf} (read in place, not copied) and checks its number of pages.
     *
     * @throws OcrFailure when the PDF is unreadable, needs a password or has more pages than the limit
     */
    static PdfPages open(ByteBuffer pdf, OcrSettings settings) throws OcrFailure, IOException {
        PDDocument document;
        try {
            document = Loader.loadPDF(new RandomAccessReadBuffer(pdf));
        } catch (InvalidPasswordException e) {
            throw new OcrFailure("Cannot read the PDF: it is protected by a password.");
        } catch (IOException e) {
            throw new OcrFailure("Cannot read the PDF: it is corrupt or truncated.");
        }
        int pages = document.getNumberOfPages();
        if (pages > settings.maxPdfPages()) {
            document.close();
            throw new OcrFailure("The PDF is too long for OCR: " + pages + " pages, the limit is "
                    + settings.maxPdfPages() + " pages.");
        }
        return new PdfPages(document, settings);
    }

    int count() {
        return document.getNumberOfPages();
    }

    /**
     * Draws the next page in shades of grey, as Leptonica's image (the caller destroys it); null after the last.
     *
     * @throws OcrFailure when the page draws an image beyond the pixel limit, or cannot be drawn
     */
    @Override
    public PIX next() throws OcrFailure {
        if (nextIndex == count()) {
            return null;
        }
        int index = nextIndex++;
        int number = index + 1;
        PDPage page = document.getPage(index);
        BufferedImage image;
        try {
            checkImages(page.getResources(), number, new HashSet<>());
            new Budget(number).check(page);
            image = renderer.renderImage(index, scale(page.getCropBox(), number), ImageType.GRAY);
        } catch (IOException e) {
            throw new OcrFailure("Cannot read page " + number + " of the PDF: it is corrupt or truncated.");
        }
        return toPix(image);
    }

    /** Pixels per point: {@code pdf-dpi}, or less when that would make more pixels than the limit. */
    private float scale(PDRectangle box, int number) throws OcrFailure {
        double area = (double) box.getWidth() * box.getHeight();
        if (!(area >= 1)) {
            throw new OcrFailure("Cannot read page " + number + " of the PDF: it has no size.");
        }
        double scale = settings.pdfDpi() / POINTS_PER_INCH;
        double fitting = Math.sqrt(settings.maxImagePixels() / area);
        return (float) Math.min(scale, fitting);
    }

    /**
     * Refuses a page that draws an image (directly or in a form it uses) beyond the pixel limit: drawing it may
     * decode it whole, whatever the size it is drawn at. Forms are visited once, so a form that uses itself ends.
     */
    private void checkImages(PDResources resources, int number, Set<COSBase> visited) throws IOException, OcrFailure {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject object = resources.getXObject(name);
            if (object instanceof PDImageXObject image) {
                settings.checkPixels("An image on page " + number + " of the PDF", image.getWidth(), image.getHeight());
            } else if (object instanceof PDFormXObject form && visited.add(form.getCOSObject())) {
                checkImages(form.getResources(), number, visited);
            }
        }
    }

    /**
     * What drawing a page may cost, checked before it is drawn: at most {@code max-pdf-content-bytes} of decoded
     * drawing instructions (the page's content streams, the forms it draws and its annotations' appearances, each
     * stream once) and at most {@code max-pdf-operators} operators as drawn: a form's operators count each time the
     * page draws it, so a small form drawn a million times is as expensive as it is. A stream is decoded into a
     * buffer that stops at the limit, so a small compressed stream that inflates to gigabytes costs no more than the
     * limit; its operators are then counted one token at a time.
     */
    private final class Budget {

        final int number;
        long bytes;
        /** The operators each form runs when drawn once (its own forms included). */
        final Map<COSStream, Long> formOperators = new HashMap<>();

        Budget(int number) {
            this.number = number;
        }

        void check(PDPage page) throws IOException, OcrFailure {
            long operators = 0;
            for (Iterator<PDStream> streams = page.getContentStreams(); streams.hasNext(); ) {
                operators = operators(streams.next().getCOSObject(), page.getResources(), operators, new HashSet<>());
            }
            for (PDAnnotation annotation : page.getAnnotations()) {
                PDAppearanceStream appearance = annotation.getNormalAppearanceStream();
                if (appearance != null) {
                    operators = operators(appearance.getCOSObject(), appearance.getResources(), operators,
                            new HashSet<>());
                }
            }
        }

        /**
         * {@code counted} plus the operators drawing {@code content} runs, forms included.
         *
         * @param drawing the forms being counted now, outer first: a form that draws itself is not followed
         */
        private long operators(COSStream content, PDResources resources, long counted, Set<COSStream> drawing)
                throws IOException, OcrFailure {
            PDFStreamParser parser = new PDFStreamParser(decode(content));
            long operators = counted;
            Object previous = null;
            for (Object token; (token = parser.parseNextToken()) != null; previous = token) {
                if (!(token instanceof Operator operator)) {
                    continue;
                }
                operators++;
                if (operator.getName().equals(OperatorName.DRAW_OBJECT) && previous instanceof COSName name
                        && resources != null && resources.getXObject(name) instanceof PDFormXObject form) {
                    operators += formOperators(form, drawing);
                }
                if (operators > settings.maxPdfOperators()) {
                    throw new OcrFailure("Page " + number + " of the PDF is too complex for OCR: more than "
                            + settings.maxPdfOperators() + " drawing operators, the limit.");
                }
            }
            return operators;
        }

        private long formOperators(PDFormXObject form, Set<COSStream> drawing) throws IOException, OcrFailure {
            COSStream stream = form.getCOSObject();
            Long known = formOperators.get(stream);
            if (known != null) {
                return known;
            }
            if (!drawing.add(stream)) {
                return 0;
            }
            long operators = operators(stream, form.getResources(), 0, drawing);
            drawing.remove(stream);
            formOperators.put(stream, operators);
            return operators;
        }

        private byte[] decode(COSStream stream) throws IOException, OcrFailure {
            long room = settings.maxPdfContentBytes() - bytes;
            BoundedBuffer decoded = new BoundedBuffer(room);
            try {
                try (InputStream raw = stream.createRawInputStream()) {
                    raw.transferTo(decoded);
                }
                List<COSName> filters = new PDStream(stream).getFilters();
                for (int i = 0; i < filters.size(); i++) {
                    BoundedBuffer encoded = decoded;
                    decoded = new BoundedBuffer(room);
                    FilterFactory.INSTANCE.getFilter(filters.get(i))
                            .decode(new ByteArrayInputStream(encoded.toByteArray()), decoded, stream, i);
                }
            } catch (IOException e) {
                // A filter may wrap the buffer's refusal in its own exception.
                if (!decoded.overflowed) {
                    throw e;
                }
            }
            if (decoded.overflowed) {
                throw new OcrFailure("Page " + number + " of the PDF is too complex for OCR: more than "
                        + settings.maxPdfContentBytes() + " bytes of drawing instructions, the limit.");
            }
            bytes += decoded.size();
            return decoded.toByteArray();
        }
    }

    /** A byte buffer that refuses to grow beyond its limit and remembers that it was asked to. */
    private static final class BoundedBuffer extends OutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long limit;
        boolean overflowed;

        BoundedBuffer(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (overflowed || bytes.size() + (long) len > limit) {
                overflowed = true;
                throw new IOException("More than " + limit + " bytes");
            }
            bytes.write(b, off, len);
        }

        int size() {
            return bytes.size();
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /**
     * Copies the grey pixels into a new 8-bit Leptonica image. Leptonica keeps a line in 32-bit words, four pixels
     * each with the leftmost in the most significant byte, so they are packed that way, a line at a time. (Handing
     * Leptonica the pixels as a PGM file instead took 140 ms an A4 page, a fifth of its OCR: it reads PNM byte by
     * byte.)
     */
    private static PIX toPix(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] grey = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int stride = ((ComponentSampleModel) image.getSampleModel()).getScanlineStride();
        PIX pix = pixCreate(width, height, 8);
        if (pix == null) {
            throw new IllegalStateException("Leptonica could not make an image of " + width + " × " + height
                    + " pixels for a PDF page");
        }
        int wordsPerLine = pixGetWpl(pix);
        IntPointer data = pixGetData(pix);
        int[] line = new int[wordsPerLine];
        for (int y = 0; y < height; y++) {
            int start = y * stride;
            int end = start + width;
            for (int word = 0; word < wordsPerLine; word++) {
                int x = start + 4 * word;
                line[word] = grey(grey, x, end) << 24 | grey(grey, x + 1, end) << 16 | grey(grey, x + 2, end) << 8
                        | grey(grey, x + 3, end);
            }
            data.position((long) y * wordsPerLine).put(line, 0, wordsPerLine);
        }
        return pix;
    }

    /** The pixel at {@code index}, or 0 in the padding after the line's {@code end}. */
    private static int grey(byte[] grey, int index, int end) {
        return index < end ? grey[index] & 0xff : 0;
    }

    @Override
    public void close() throws IOException {
        document.close();
    }
}
