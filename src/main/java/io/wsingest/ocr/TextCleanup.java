package io.wsingest.ocr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code processed_text} of a job, made from {@code raw_text} by these rules, in order:
 * <ol>
 * <li>Line breaks ({@code \r\n}, {@code \r}, {@code \n}) become {@code \n}; a line of only whitespace is blank.</li>
 * <li>Paragraphs are the runs of non-blank lines; one or more blank lines separate them. Each paragraph is kept,
 *     and paragraphs are joined by exactly one blank line ({@code \n\n}); no blank lines at the start or end.</li>
 * <li>Within a paragraph, a line that ends in a hyphen ({@code -}, or the soft or Unicode hyphens U+00AD, U+2010)
 *     directly after a letter, followed by a line that starts with a lower-case letter, is joined to it without the
 *     hyphen: {@code exam-} / {@code ple} becomes {@code example}. Other lines are joined with one space, so a
 *     paragraph is one line.</li>
 * <li>Whitespace inside a paragraph (spaces, tabs, no-break spaces) is reduced to single spaces, and each paragraph
 *     is trimmed.</li>
 * </ol>
 * Nothing else changes: no spelling correction, no change of case or punctuation. A hyphen before an upper-case
 * letter or a digit is kept ({@code Jean-} / {@code Paul} stays {@code Jean- Paul}, as a compound cannot be told
 * from a broken word).
 */
public final class TextCleanup {

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private TextCleanup() {
    }

    public static String clean(String raw) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : LINE_BREAK.split(raw, -1)) {
            String normal = WHITESPACE.matcher(line).replaceAll(" ").strip();
            if (normal.isEmpty()) {
                if (!paragraph.isEmpty()) {
                    paragraphs.add(paragraph.toString());
                    paragraph.setLength(0);
                }
                continue;
            }
            if (paragraph.isEmpty()) {
                paragraph.append(normal);
            } else if (brokenWord(paragraph, normal)) {
                paragraph.setLength(paragraph.length() - 1);
                paragraph.append(normal);
            } else {
                paragraph.append(' ').append(normal);
            }
        }
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph.toString());
        }
        return String.join("\n\n", paragraphs);
    }

    /** The text so far ends in letter + hyphen and the next line starts with a lower-case letter. */
    private static boolean brokenWord(CharSequence soFar, String next) {
        int n = soFar.length();
        if (n < 2 || !isHyphen(soFar.charAt(n - 1)) || !Character.isLetter(soFar.charAt(n - 2))) {
            return false;
        }
        return Character.isLowerCase(next.codePointAt(0));
    }

    private static boolean isHyphen(char c) {
        return c == '-' || c == '\u00AD' || c == '\u2010';
    }
}
