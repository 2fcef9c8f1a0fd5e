package io.wsingest.uploadapi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.wsingest.storage.SpoolFile;
import io.wsingest.storage.QuotaExceededException;
import io.wsingest.storage.StorageFullException;

/**
 * Reads the protocol's text messages as they arrive in pieces. A message's JSON is kept in memory, up to a limit,
 * except the value of {@code data.image_base64}: that string is decoded as it streams in and written to a spool
 * file, so an image of any size costs a few kilobytes of memory. The JSON keeps an empty string in its place, and
 * {@link #finish()} returns both.
 *
 * <p>To find that value without parsing everything, the reader follows the JSON structure (objects, arrays, keys,
 * strings and their escapes) but leaves the full syntax check to the JSON parser that reads the rest. A
 * {@code data:…;base64,} prefix (a data URL, as {@code FileReader.readAsDataURL} makes) is accepted and skipped; the
 * content type it declares is ignored, because the content is sniffed. Not thread-safe: the container delivers one
 * connection's messages one piece at a time.
 */
final class MessageReader {

    private static final Logger LOG = Logger.getLogger(MessageReader.class.getName());

    /** Opens the spool file a streamed image is written to. */
    @FunctionalInterface
    interface SpoolOpener {
        SpoolFile open() throws IOException;
    }

    /**
     * One complete message.
     *
     * @param json    the message's JSON, {@code data.image_base64} replaced by {@code ""}
     * @param failure why the message as a whole cannot be read (too large, malformed), or null
     * @param image   the streamed {@code image_base64}, or null when the message had none (or failed)
     */
    record Incoming(String json, String failure, StreamedImage image) {
    }

    /** How many of an image's first bytes are kept for sniffing its type. */
    static final int HEAD_BYTES = 32;

    private static final int MAX_DEPTH = 64;
    private static final int MAX_DATA_URL_HEADER = 256;
    private static final String DATA_URL = "data:";

    private enum State { KEY, COLON, VALUE, AFTER_VALUE }

    /** An object or array being read; for an object, the key whose value comes or came last. */
    private static final class Frame {
        final boolean object;
        State state;
        String key;

        Frame(boolean object) {
            this.object = object;
            this.state = object ? State.KEY : State.VALUE;
        }
    }

    private final long maxJsonChars;
    private final long maxImageBytes;
    private final SpoolOpener spools;

    private StringBuilder json = new StringBuilder();
    private String failure;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private boolean inString;
    /** The string being read is a key: its decoded text collects in {@link #key}. */
    private boolean keyString;
    private final StringBuilder key = new StringBuilder();
    /** The string being read is the image: its characters go to {@link #image}, not into the JSON. */
    private boolean diverting;
    /** 0 outside an escape; 1 after a backslash; 2 to 5 while reading the four hex digits of {@code \\u}. */
    private int escape;
    private int unicode;
    private ImageValue image;

    /**
     * @param maxJsonChars  the most characters a message may have besides the image's value
     * @param maxImageBytes the most bytes an image may decode to
     */
    MessageReader(long maxJsonChars, long maxImageBytes, SpoolOpener spools) {
        this.maxJsonChars = maxJsonChars;
        this.maxImageBytes = maxImageBytes;
        this.spools = spools;
    }

    /** Reads the next piece of the current message. */
    void accept(String part) {
        int i = 0;
        int length = part.length();
        while (i < length && failure == null) {
            if (diverting && escape == 0) {
                int end = i;
                while (end < length) {
                    char c = part.charAt(end);
                    if (c == '"' || c == '\\' || c < 0x20) {
                        break;
                    }
                    end++;
                }
                image.accept(part, i, end);
                if (end == length) {
                    return;
                }
                i = end;
            }
            char c = part.charAt(i++);
            if (inString) {
                stringChar(c);
            } else {
                structureChar(c);
            }
        }
    }

    /** Ends the current message and returns it; the reader is ready for the next one. */
    Incoming finish() {
        if (failure == null && (inString || escape != 0)) {
            failure = "Malformed JSON: the message ends inside a string";
        }
        StreamedImage streamed = image == null ? null : image.finish();
        if (failure != null && streamed instanceof StreamedImage.Decoded decoded) {
            decoded.discard();
            streamed = null;
        }
        Incoming incoming = new Incoming(failure == null ? json.toString() : null, failure, streamed);
        reset();
        return incoming;
    }

    /** Drops a message cut off by the connection closing, with its spool file. */
    void abort() {
        if (image != null) {
            image.fail(null);
        }
        reset();
    }

    private void reset() {
        json = new StringBuilder();
        failure = null;
        stack.clear();
        inString = false;
        keyString = false;
        key.setLength(0);
        diverting = false;
        escape = 0;
        image = null;
    }

    private void structureChar(char c) {
        Frame top = stack.peek();
        switch (c) {
            case '{', '[' -> {
                valueStarts(top);
                if (stack.size() == MAX_DEPTH) {
                    failure = "Malformed JSON: nested deeper than " + MAX_DEPTH + " levels";
                    return;
                }
                stack.push(new Frame(c == '{'));
            }
            case '}', ']' -> {
                stack.poll();
                if (stack.peek() != null) {
                    stack.peek().state = State.AFTER_VALUE;
                }
            }
            case ':' -> {
                if (top != null && top.object && top.state == State.COLON) {
                    top.state = State.VALUE;
                }
            }
            case ',' -> {
                if (top != null) {
                    top.state = top.object ? State.KEY : State.VALUE;
                }
            }
            case '"' -> {
                inString = true;
                if (top != null && top.object && top.state == State.KEY) {
                    keyString = true;
                    key.setLength(0);
                } else if (isImageValue(top)) {
                    valueStarts(top);
                    startImage();
                } else {
                    valueStarts(top);
                }
            }
            case ' ', '\t', '\r', '\n' -> {
                // Whitespace between tokens.
            }
            default -> valueStarts(top);
        }
        append(c);
    }

    private static void valueStarts(Frame top) {
        if (top != null && top.state == State.VALUE) {
            top.state = State.AFTER_VALUE;
        }
    }

    /** Whether a string starting here is the value of {@code data.image_base64} in the top-level object. */
    private boolean isImageValue(Frame top) {
        if (stack.size() != 2 || !top.object || top.state != State.VALUE || !"image_base64".equals(top.key)) {
            return false;
        }
        Frame message = stack.peekLast();
        return message.object && "data".equals(message.key);
    }

    private void startImage() {
        diverting = true;
        if (image == null) {
            image = new ImageValue();
        } else {
            // Only one image per message: the repeated value is read to its end and dropped.
            image.fail("Appears more than once in the message.");
        }
    }

    private void stringChar(char c) {
        if (escape == 1) {
            escape = 0;
            switch (c) {
                case '"', '\\', '/' -> decoded(c);
                case 'b' -> decoded('\b');
                case 'f' -> decoded('\f');
                case 'n' -> decoded('\n');
                case 'r' -> decoded('\r');
                case 't' -> decoded('\t');
                case 'u' -> {
                    escape = 2;
                    unicode = 0;
                }
                default -> malformed("invalid escape '\\" + c + "' in a string");
            }
        } else if (escape > 1) {
            int digit = Character.digit(c, 16);
            if (digit < 0) {
                malformed("invalid \\u escape in a string");
                escape = 0;
            } else {
                unicode = unicode << 4 | digit;
                if (++escape == 6) {
                    escape = 0;
                    decoded((char) unicode);
                }
            }
        } else if (c == '\\') {
            escape = 1;
        } else if (c == '"') {
            endString();
        } else if (c < 0x20) {
            malformed("unescaped control character in a string");
        } else {
            decoded(c);
        }
        if (!diverting) {
            // Includes the image value's closing quote: endString has just stopped the diversion.
            append(c);
        }
    }

    /** One character of a string's value, escapes resolved. */
    private void decoded(char c) {
        if (diverting) {
            image.accept(c);
        } else if (keyString) {
            key.append(c);
        }
    }

    private void endString() {
        inString = false;
        if (keyString) {
            keyString = false;
            Frame top = stack.peek();
            top.key = key.toString();
            top.state = State.COLON;
        } else if (diverting) {
            diverting = false;
        }
    }

    /** A syntax error the JSON parser would not see, because it is inside the image's value. */
    private void malformed(String detail) {
        if (diverting) {
            failure = "Malformed JSON: " + detail;
        }
        // Elsewhere the character stays in the JSON, and the parser reports it.
    }

    private void append(char c) {
        if (json.length() >= maxJsonChars) {
            failure = "Message too large: more than " + maxJsonChars + " characters besides the image_base64 value";
            json = new StringBuilder();
            return;
        }
        json.append(c);
    }

    /** The image's value: a data URL prefix is skipped, the rest decoded into a spool file. */
    private final class ImageValue implements Base64StreamDecoder.Sink {

        private final Base64StreamDecoder decoder = new Base64StreamDecoder(this);
        private SpoolFile spool;
        private long size;
        private final byte[] head = new byte[HEAD_BYTES];
        private int headLength;
        private String error;
        /** The first characters, until it is clear whether they start a data URL; null once it is. */
        private StringBuilder prefix = new StringBuilder();
        private boolean inDataUrlHeader;

        void accept(CharSequence text, int from, int to) {
            int i = from;
            while (prefix != null && i < to && error == null) {
                accept(text.charAt(i++));
            }
            int rest = i;
            if (error == null && rest < to) {
                decode(() -> decoder.accept(text, rest, to));
            }
        }

        void accept(char c) {
            if (error != null) {
                return;
            }
            if (prefix == null) {
                decode(() -> decoder.accept(c));
            } else if (inDataUrlHeader) {
                dataUrlHeaderChar(c);
            } else {
                prefix.append(c);
                if (!DATA_URL.startsWith(prefix.toString().toLowerCase(Locale.ROOT))) {
                    String text = prefix.toString();
                    prefix = null;
                    decode(() -> decoder.accept(text, 0, text.length()));
                } else if (prefix.length() == DATA_URL.length()) {
                    inDataUrlHeader = true;
                    prefix.setLength(0);
                }
            }
        }

        private void dataUrlHeaderChar(char c) {
            if (c != ',') {
                if (prefix.length() == MAX_DATA_URL_HEADER) {
                    fail("Invalid data URL: no ',' within " + MAX_DATA_URL_HEADER + " characters");
                } else {
                    prefix.append(c);
                }
                return;
            }
            if (!prefix.toString().toLowerCase(Locale.ROOT).endsWith(";base64")) {
                fail("Only base64 data URLs are accepted (data:<type>;base64,<data>).");
            }
            prefix = null;
            inDataUrlHeader = false;
        }

        /** Completes the value: its last bytes, or the error. */
        StreamedImage finish() {
            if (error == null) {
                if (inDataUrlHeader) {
                    fail("Invalid data URL: no ',' before the data");
                } else if (prefix != null) {
                    String text = prefix.toString();
                    prefix = null;
                    decode(() -> decoder.accept(text, 0, text.length()));
                }
            }
            if (error == null) {
                decode(decoder::finish);
            }
            if (error == null && size == 0) {
                fail("This field may not be blank.");
            }
            if (error != null) {
                return new StreamedImage.Failed(error);
            }
            return new StreamedImage.Decoded(spool, size, Arrays.copyOf(head, headLength));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (size + length > maxImageBytes) {
                throw new TooLarge();
            }
            int toHead = Math.min(length, head.length - headLength);
            System.arraycopy(bytes, offset, head, headLength, toHead);
            headLength += toHead;
            if (spool == null) {
                spool = spools.open();
            }
            spool.append(ByteBuffer.wrap(bytes, offset, length));
            size += length;
        }

        private void decode(Decoding step) {
            try {
                step.run();
            } catch (Base64StreamDecoder.InvalidBase64 e) {
                fail(e.getMessage());
            } catch (TooLarge e) {
                fail("The image is larger than the limit of " + maxImageBytes + " bytes.");
            } catch (StorageFullException e) {
                fail("The server's storage is full; try again later.");
            } catch (QuotaExceededException e) {
                LOG.info(() -> "Upload API image refused: " + e.getMessage());
                fail(UploadService.quotaExceeded(e));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not spool a streamed image", e);
                fail("The image could not be stored; try again later.");
            }
        }

        /** Records the error (the first one counts) and deletes what was spooled; null only discards. */
        void fail(String message) {
            if (error == null) {
                error = message;
            }
            if (spool != null) {
                try {
                    spool.discard();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "Could not delete a spool file", e);
                }
                spool = null;
            }
        }
    }

    @FunctionalInterface
    private interface Decoding {
        void run() throws Base64StreamDecoder.InvalidBase64, IOException;
    }

    /** The image grew past the limit; stops the decoder, whose remaining input is then ignored. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null);
        }
    }
}
