package io.wsingest.streamreq;

/**
 * The {@code x-stream} header. A client offers a stream as {@code total:buffer} (bytes in all, bytes per binary
 * message); the server answers {@code 0:buffer} (accepted, with the buffer to use), {@code n:buffer} (accepted in
 * part: it takes the stream's first {@code n} bytes now), or {@code -1} (refused). A client abandons a stream it
 * holds the key of with {@code -1}. The final packet of a stream carries {@code missing:0}, the bytes
 * that did not arrive ({@code 0:0} on success).
 */
public final class XStream {

    /** The server's answer when it refuses a stream. */
    public static final String REFUSED = "-1";

    /** A client's stream offer: {@code total} bytes, sent in binary messages of at most {@code buffer} bytes. */
    public record Offer(long total, int buffer) {

        public Offer {
            if (total < 0 || buffer < 1) {
                throw new IllegalArgumentException("total must be >= 0 and buffer >= 1: " + total + ":" + buffer);
            }
        }
    }

    private XStream() {
    }

    /**
     * Parses a client's {@code total:buffer}: two decimal numbers (digits only, surrounding spaces ignored), a total
     * of at least 0 and a buffer of at least 1.
     *
     * @throws BadHeaderException with a reason safe to send back
     */
    public static Offer parseOffer(String value) throws BadHeaderException {
        if (value == null) {
            throw new BadHeaderException("x-stream is missing; send x-stream: total:buffer");
        }
        String trimmed = value.strip();
        int colon = trimmed.indexOf(':');
        if (colon < 0 || trimmed.indexOf(':', colon + 1) >= 0) {
            throw new BadHeaderException("x-stream must be total:buffer, two numbers separated by one colon");
        }
        long total = number("total", trimmed.substring(0, colon).strip(), Long.MAX_VALUE);
        long buffer = number("buffer", trimmed.substring(colon + 1).strip(), Integer.MAX_VALUE);
        if (buffer < 1) {
            throw new BadHeaderException("x-stream buffer must be at least 1 byte");
        }
        return new Offer(total, (int) buffer);
    }

    /**
     * The answer accepting a stream, with the buffer the client must keep to: {@code 0:buffer} for the whole stream,
     * {@code limit:buffer} when the server takes only its first {@code limit} bytes now.
     */
    public static String accepted(StreamTransfer transfer) {
        long taken = transfer.limit() < transfer.total() ? transfer.limit() : 0;
        return taken + ":" + transfer.buffer();
    }

    /** Whether a request's {@code x-stream} asks to abandon the stream its key names. */
    public static boolean isAbandon(String value) {
        return value != null && value.strip().equals(REFUSED);
    }

    /** The final packet's value: the bytes of the stream that did not arrive. */
    public static String missing(long bytes) {
        return bytes + ":0";
    }

    private static long number(String name, String digits, long max) throws BadHeaderException {
        if (digits.startsWith("-") && digits.length() > 1 && allDigits(digits.substring(1))) {
            throw new BadHeaderException("x-stream " + name + " must not be negative");
        }
        if (digits.isEmpty() || !allDigits(digits)) {
            throw new BadHeaderException("x-stream " + name + " must be a whole number of bytes");
        }
        try {
            long value = Long.parseLong(digits);
            if (value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Only digits, so it failed because the number does not fit in a long: too large as well.
        }
        throw new BadHeaderException("x-stream " + name + " is too large (at most " + max + ")");
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
