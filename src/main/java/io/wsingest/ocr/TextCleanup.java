package io.wsingest.ocr;

/**
 * The {@code processed_text} of a job: the engine's text with trailing spaces cut from every line, runs of blank
 * lines reduced to one, and no blank lines at the start or end. Line breaks are {@code \n}.
 */
public final class TextCleanup {

    private TextCleanup() {
    }

    public static String clean(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int blankRun = 0;
        for (String line : raw.split("\r\n|\r|\n", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.isEmpty()) {
                blankRun++;
                continue;
            }
            if (!out.isEmpty()) {
                out.append(blankRun > 0 ? "\n\n" : "\n");
            }
            out.append(trimmed);
            blankRun = 0;
        }
        return out.toString();
    }
}
