package io.wsingest.streamreq;

import java.util.Locale;
import java.util.Optional;

/** What a stream's bytes are, announced in the {@code data-format} header and checked when the stream completes. */
public enum DataFormat {

    /** Any bytes; nothing is checked. */
    BYTES,
    /** UTF-8 text (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
    TEXT,
    /** One JSON value (RFC 8259) in UTF-8. */
    JSON;

    /** The header value: {@code bytes}, {@code text} or {@code json}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a header value names (case-insensitive), if any. */
    public static Optional<DataFormat> parse(String value) {
        for (DataFormat format : values()) {
            if (format.wire().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The file name extension for a stored file of this format when the client names none. */
    public String extension() {
        return switch (this) {
            case BYTES -> "bin";
            case TEXT -> "txt";
            case JSON -> "json";
        };
    }
}
