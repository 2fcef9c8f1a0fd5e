package io.wsingest.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * PDFs for OCR tests, written with PDFBox on A4 pages: typeset text (Helvetica at 12 pt, as a word processor would
 * export it), scanned pages (an image filling the page), and the hostile kinds the engine must refuse.
 */
public final class TestPdfs {

    private static final float MARGIN = 72;
    private static final float FONT_SIZE = 12;
    private static final float LEADING = 16;

    private TestPdfs() {
    }

    /** One page per list of paragraphs, the paragraphs wrapped to the page with a blank line between them. */
    public static byte[] typeset(List<List<String>> pages) {
        return write(document -> {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> paragraphs : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, FONT_SIZE);
                    content.setLeading(LEADING);
                    content.newLineAtOffset(MARGIN, page.getMediaBox().getHeight() - MARGIN);
                    for (String paragraph : paragraphs) {
                        for (String line : wrap(paragraph, font, page.getMediaBox().getWidth() - 2 * MARGIN)) {
                            content.showText(line);
                            content.newLine();
                        }
                        content.newLine();
                    }
                    content.endText();
                }
            }
        });
    }

    /** One page per image, each image filling its page, as a scanner writes a PDF. */
    public static byte[] scanned(BufferedImage... images) {
        return write(document -> {
            for (BufferedImage image : images) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                PDImageXObject scan = LosslessFactory.createFromImage(document, image);
                float width = page.getMediaBox().getWidth();
                float height = width * image.getHeight() / image.getWidth();
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(scan, 0, page.getMediaBox().getHeight() - height, width, height);
                }
            }
        });
    }

    /** A page drawing an image whose header claims {@code width × height} pixels, with almost no data behind it. */
    public static byte[] claimingAnImageOf(int width, int height) {
        return write(document -> {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDImageXObject image = new PDImageXObject(document, new ByteArrayInputStream(new byte[16]), null,
                    width, height, 8, PDDeviceGray.INSTANCE);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(image, 0, 0, 100, 100);
            }
        });
    }

    /**
     * One page whose content stream is {@code instruction} repeated {@code times}, flate-compressed: a file of a few
     * hundred kilobytes can hold gigabytes of drawing instructions. Nothing is built whole in memory.
     */
    public static byte[] repeatingInstruction(String instruction, long times) {
        return write(document -> {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            page.setContents(new PDStream(document, repeating(instruction.getBytes(StandardCharsets.US_ASCII), times),
                    COSName.FLATE_DECODE));
        });
    }

    /**
     * One page that draws a form {@code times} times; the form runs {@code formOperators} operators each time. Small
     * to store, expensive to draw: a million drawings of a form of a thousand operators are a billion operators.
     */
    public static byte[] drawingAForm(int formOperators, int times) {
        return write(document -> {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDFormXObject form = new PDFormXObject(new PDStream(document,
                    repeating("n\n".getBytes(StandardCharsets.US_ASCII), formOperators), COSName.FLATE_DECODE));
            form.setBBox(PDRectangle.A4);
            page.setResources(new PDResources());
            COSName name = page.getResources().add(form);
            byte[] draw = ("/" + name.getName() + " Do\n").getBytes(StandardCharsets.US_ASCII);
            page.setContents(new PDStream(document, repeating(draw, times), COSName.FLATE_DECODE));
        });
    }

    /** {@code one} repeated {@code times}, read as a stream: nothing is built whole in memory. */
    private static InputStream repeating(byte[] one, long times) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position == times * one.length ? -1 : one[(int) (position++ % one.length)];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                int n = (int) Math.min(length, times * one.length - position);
                if (n <= 0) {
                    return length == 0 ? 0 : -1;
                }
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = one[(int) (position++ % one.length)];
                }
                return n;
            }
        };
    }

    /**
     * The typeset pages, encrypted: they open only with {@code userPassword}, or by anyone when it is empty (an owner
     * password alone, which only restricts printing and copying).
     */
    public static byte[] encrypted(List<List<String>> pages, String userPassword) {
        try (PDDocument document = Loader.loadPDF(typeset(pages))) {
            AccessPermission restricted = new AccessPermission();
            restricted.setCanPrint(false);
            restricted.setCanExtractContent(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword, restricted);
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Pages {
        void addTo(PDDocument document) throws IOException;
    }

    private static byte[] write(Pages pages) {
        try (PDDocument document = new PDDocument()) {
            pages.addTo(document);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private static List<String> wrap(String paragraph, PDType1Font font, float width) {
        return TextPages.wrap(paragraph, text -> {
            try {
                return font.getStringWidth(text) / 1000 * FONT_SIZE;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, width);
    }
}
