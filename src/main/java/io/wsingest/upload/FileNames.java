package io.wsingest.upload;

import java.util.Optional;

/**
 * A client's file name made safe to keep and show: the name is metadata only, never a path. Directories (either
 * separator) and control characters are dropped, surrounding blanks trimmed, and the name cut to 255 characters.
 */
final class FileNames {

    static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    /** The display name, or empty when nothing usable is left. */
    static Optional<String> sanitise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(clean::appendCodePoint);
        name = clean.toString().strip();
        if (name.equals(".") || name.equals("..")) {
            return Optional.empty();
        }
        if (name.length() > MAX_LENGTH) {
            int end = Character.isHighSurrogate(name.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            name = name.substring(0, end).strip();
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
