package io.wsingest.storage;

/**
 * What a protocol knows about a file it is about to store.
 *
 * @param fileName  display name only (already sanitised, see {@link #displayName}), never used as a path
 * @param projectId null when the file belongs to the user alone
 */
public record NewFile(String fileName, String ownerId, String projectId, FileSource source) {

    /** The most characters of a display name kept (the column's size). */
    public static final int MAX_NAME_CHARS = 255;

    /**
     * A client's file name made safe to keep and show: only its last path segment, without control characters or
     * surrounding spaces, at most {@value #MAX_NAME_CHARS} characters; {@code fallback} when nothing usable is left.
     */
    public static String displayName(String requested, String fallback) {
        if (requested == null) {
            return fallback;
        }
        String name = requested.substring(Math.max(requested.lastIndexOf('/'), requested.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder();
        name.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(kept::appendCodePoint);
        name = kept.toString().strip();
        if (name.length() > MAX_NAME_CHARS) {
            int end = Character.isHighSurrogate(name.charAt(MAX_NAME_CHARS - 1)) ? MAX_NAME_CHARS - 1 : MAX_NAME_CHARS;
            name = name.substring(0, end).strip();
        }
        return name.isEmpty() || name.equals(".") || name.equals("..") ? fallback : name;
    }
}
