package io.wsingest.rest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range of an HTTP {@code Range} header (RFC 9110, section 14): {@code bytes=first-last},
 * {@code bytes=first-} or {@code bytes=-suffixLength}. A header this server does not serve as a range (absent,
 * malformed, another unit, several ranges) is ignored, and the whole content is sent, as the RFC allows.
 *
 * @param first the first byte's position
 * @param last  the last byte's position, inclusive
 */
public record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** What a {@code Range} header asks of content of a given size. */
    public sealed interface Request {
    }

    /** Send everything (200). */
    public record Whole() implements Request {
    }

    /** Send this part (206). */
    public record Part(ByteRange range) implements Request {
    }

    /** The range starts beyond the content (416). */
    public record Unsatisfiable() implements Request {
    }

    public static Request parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return new Whole();
        }
        Optional<Long> first = number(m.group(1));
        Optional<Long> last = number(m.group(2));
        if (m.group(1).isEmpty()) {
            // A suffix: the last n bytes.
            if (last.isEmpty()) {
                return new Whole();
            }
            if (last.get() == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, size - last.get()), size - 1));
        }
        if (first.isEmpty() || !m.group(2).isEmpty() && (last.isEmpty() || last.get() < first.get())) {
            return new Whole();
        }
        if (first.get() >= size) {
            return new Unsatisfiable();
        }
        long end = last.map(l -> Math.min(l, size - 1)).orElse(size - 1);
        return new Part(new ByteRange(first.get(), end));
    }

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value for this range of content of the given size. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    private static Optional<Long> number(String digits) {
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
