package io.wsingest.testing;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GraphicsEnvironment;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Pages of printed text for OCR tests, rendered with java.awt: paragraphs wrapped to the page width, a blank line
 * between them, black serif type on white at roughly 300 dpi. Needs a TrueType font (DejaVu on Linux:
 * {@code fonts-dejavu-core}, which {@code .ci/run} installs).
 */
public final class TextPages {

    /** Three paragraphs with known text: what the OCR tests read back. */
    public static final List<String> THREE_PARAGRAPHS = List.of(
            "The quick brown fox jumps over the lazy dog while the farmer watches from the gate of the old"
                    + " stone barn.",
            "Pack my box with five dozen liquor jugs, said the merchant, and send the bill to the harbour office"
                    + " before noon on Friday.",
            "Sphinx of black quartz, judge my vow. How vexingly quick daft zebras jump across the wide green"
                    + " field in spring.");

    private static final int WIDTH = 1800;
    private static final int MARGIN = 120;
    private static final int FONT_SIZE = 40;

    private TextPages() {
    }

    /** The paragraphs as OCR's {@code raw_text} should have them: a blank line between paragraphs. */
    public static String asText(List<String> paragraphs) {
        return String.join("\n\n", paragraphs);
    }

    /** A grey page with the paragraphs; {@code seed} changes a corner pixel, so each page has different bytes. */
    public static BufferedImage page(List<String> paragraphs, long seed) {
        Font font = font();
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D pg = probe.createGraphics();
        FontMetrics metrics = pg.getFontMetrics(font);
        List<List<String>> wrapped = new ArrayList<>();
        for (String paragraph : paragraphs) {
            wrapped.add(wrap(paragraph, metrics::stringWidth, WIDTH - 2 * MARGIN));
        }
        pg.dispose();
        int lineHeight = metrics.getHeight() + 12;
        int lines = wrapped.stream().mapToInt(List::size).sum() + wrapped.size() - 1;
        int height = 2 * MARGIN + lines * lineHeight;

        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(font);
        int y = MARGIN + metrics.getAscent();
        for (List<String> paragraph : wrapped) {
            for (String line : paragraph) {
                g.drawString(line, MARGIN, y);
                y += lineHeight;
            }
            y += lineHeight;
        }
        g.dispose();
        image.getRaster().setSample(0, 0, 0, (int) (seed & 0x3f) + 192);
        return image;
    }

    /** The page turned by {@code degrees} (clockwise) about its centre, on white, as a tilted scan would be. */
    public static BufferedImage tilted(BufferedImage page, double degrees) {
        BufferedImage image = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(degrees), page.getWidth() / 2.0, page.getHeight() / 2.0);
        g.drawImage(page, 0, 0, null);
        g.dispose();
        return image;
    }

    /** The page scaled by {@code factor}, as a scan at a higher resolution would be. */
    public static BufferedImage scaled(BufferedImage page, double factor) {
        int width = (int) Math.round(page.getWidth() * factor);
        int height = (int) Math.round(page.getHeight() * factor);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(page, 0, 0, width, height, null);
        g.dispose();
        return image;
    }

    private static Font font() {
        boolean dejaVu = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .contains("DejaVu Serif");
        return new Font(dejaVu ? "DejaVu Serif" : Font.SERIF, Font.PLAIN, FONT_SIZE);
    }

    /** The paragraph broken into lines at spaces, each at most {@code width} wide as {@code widthOf} measures it. */
    static List<String> wrap(String paragraph, ToDoubleFunction<String> widthOf, double width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (widthOf.applyAsDouble(candidate) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /**
     * The character error rate of {@code actual} against {@code expected}: their Levenshtein distance (insertions,
     * deletions and substitutions of characters) over the expected length. Whitespace runs count as one space.
     */
    public static double characterErrorRate(String expected, String actual) {
        String a = expected.strip().replaceAll("\\s+", " ");
        String b = actual.strip().replaceAll("\\s+", " ");
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return a.isEmpty() ? (b.isEmpty() ? 0 : 1) : (double) previous[b.length()] / a.length();
    }
}
