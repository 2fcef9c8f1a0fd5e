package io.wsingest.logging;

import java.util.regex.Pattern;

/**
 * Text a client chose (file names, channel names, project ids, user ids, headers, JSON fields, URIs), made safe for
 * one log line. Control characters are escaped, so a name with a line break cannot forge a second log line and a name
 * with an escape sequence cannot repaint an operator's terminal; bidirectional controls are escaped, so a name cannot
 * reorder what the operator reads. Long text is cut. Bearer tokens in a URI's query are removed before it is logged.
 */
public final class LogText {

    /** Longer client text is cut: a log line names a thing, it does not carry it. */
    static final int MAX_CHARS = 200;

    /** Query parameters that carry a bearer token ({@code ?token=}, OAuth's {@code access_token}). */
    private static final Pattern TOKEN_PARAMETER = Pattern.compile("(?i)(^|[?&;])((?:access_)?token)=[^&;#]*");

    private LogText() {
    }

    /**
     * The text with every control character written as an escape: {@code \r}, {@code \n}, {@code \t}, {@code \\}
     * for a backslash (so an escape in the log always means the character), and {@code \}{@code uXXXX} for the other
     * C0 and C1 controls, DEL, the line and paragraph separators and the bidirectional controls. Cut after
     * {@value #MAX_CHARS} characters, saying how many more there were. {@code null} is written {@code null}.
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int end = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > end) {
            out.append("…(").append(text.length() - end).append(" more characters)");
        }
        return out.toString();
    }

    /** A request URI (path and query) for a log line: token parameters' values removed, then escaped. */
    public static String uri(String uri) {
        return uri == null ? "null" : escape(TOKEN_PARAMETER.matcher(uri).replaceAll("$1$2=(removed)"));
    }

    /** A request URI for a log line; see {@link #uri(String)}. */
    public static String uri(java.net.URI uri) {
        return uri == null ? "null" : uri(uri.toString());
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || c == '\u061c' || c == '\u200e' || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u2028' || c == '\u2029';
    }
}
