package io.wsingest.storage;

/**
 * Turns the file name a client sends into a name fit for display, the same way for every protocol. The name is metadata only and never becomes a path:
 * still, it is shown in lists, logs and other protocols, so path components, control and formatting characters
 * (including bidirectional overrides) are removed and the length is limited.
 */
public final class DisplayNames {

    /** The stored name's limit (the catalogue's column), in UTF-16 units. */
    public static final int MAX_LENGTH = 255;

    /** The name used when the client sent none, or nothing of it remains. */
    public static final String UNNAMED = "unnamed";

    private static final int MAX_KEPT_EXTENSION = 16;

    private DisplayNames() {
    }

    public static String of(String clientName) {
        return of(clientName, UNNAMED);
    }

    /** As {@link #of(String)}, with the name to use when nothing usable remains. */
    public static String of(String clientName, String fallback) {
        if (clientName == null) {
            return fallback;
        }
        int lastSeparator = Math.max(clientName.lastIndexOf('/'), clientName.lastIndexOf('\\'));
        String lastComponent = clientName.substring(lastSeparator + 1);
        StringBuilder kept = new StringBuilder(lastComponent.length());
        lastComponent.codePoints().filter(DisplayNames::displayable).forEach(kept::appendCodePoint);
        String name = trimSpace(kept.toString());
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return fallback;
        }
        return shorten(name);
    }

    private static boolean displayable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            // SURROGATE here is half a pair without its other half: not a character at all.
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Strips leading and trailing white space, including no-break and other Unicode spaces. */
    private static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Cuts a long name in the middle of its base, keeping a short extension, never splitting a surrogate pair. */
    private static String shorten(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_KEPT_EXTENSION ? name.substring(dot) : "";
        int end = MAX_LENGTH - extension.length();
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end) + extension;
    }
}
