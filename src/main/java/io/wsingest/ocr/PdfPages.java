package io.wsingest.ocr;

import static org.bytedeco.leptonica.global.leptonica.pixReadMem;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.leptonica.PIX;
import org.bytedeco.leptonica.global.leptonica;

/**
 * The pages of a PDF (PDFBox), drawn one at a time as greyscale images for the OCR engine. What could make a page
 * large is checked before it is drawn: the number of pages, the page's size at the rendering resolution, and every
 * image the page draws. A page that would have more pixels than the limit at {@code pdf-dpi} is drawn at the highest
 * resolution that fits, so a poster is read less sharply rather than refused.
 */
final class PdfPages implements TesseractEngine.Pages, AutoCloseable {

    static {
        // JavaCPP's native memory (BytePointer) works once a preset's natives are loaded; a page may need it first.
        org.bytedeco.javacpp.Loader.load(leptonica.class);
    }

    /** PDF sizes are in points, 72 to the inch. */
    private static final float POINTS_PER_INCH = 72f;

    private final PDDocument document;
    private final PDFRenderer renderer;
    private final OcrSettings settings;
    private int nextIndex;

    private PdfPages(PDDocument document, OcrSettings settings) {
        this.document = document;
        this.renderer = new PDFRenderer(document);
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
     * Refuses a page that draws an image (directly or in a form it uses) beyond the pixel limit: drawing it would
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

    /** Hands the grey pixels to Leptonica as a PGM image in native memory: one copy, whatever its word order. */
    private static PIX toPix(BufferedImage image) {
        byte[] grey = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] header = ("P5\n" + image.getWidth() + " " + image.getHeight() + "\n255\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (BytePointer pgm = new BytePointer(header.length + (long) grey.length)) {
            pgm.put(header).position(header.length).put(grey).position(0);
            PIX pix = pixReadMem(pgm, pgm.capacity());
            if (pix == null) {
                throw new IllegalStateException("Leptonica could not take a rendered PDF page of "
                        + image.getWidth() + " × " + image.getHeight() + " pixels");
            }
            return pix;
        }
    }

    @Override
    public void close() throws IOException {
        document.close();
    }
}
