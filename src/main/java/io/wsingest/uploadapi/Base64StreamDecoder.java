package io.wsingest.uploadapi;

import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes base64 text that arrives in pieces, handing the bytes to a {@link Sink} in blocks, so neither the text nor
 * the decoded content is ever held whole. The standard alphabet of RFC 4648 (section 4) is accepted, with or without
 * {@code =} padding; spaces, tabs, CR and LF are ignored anywhere, so MIME-style line breaks are fine. Anything else
 * (the URL-safe {@code -} and {@code _}, data after the padding, a lone last character) is an {@link InvalidBase64}
 * naming the character and its position. Not thread-safe: one message at a time.
 */
final class Base64StreamDecoder {

    /** Receives decoded bytes; the array is reused after the call returns. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws IOException;
    }

    /** The text is not valid base64; the message reads {@code Invalid base64 encoding: …}. */
    static final class InvalidBase64 extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidBase64(String detail) {
            super("Invalid base64 encoding: " + detail);
        }
    }

    private static final int BLOCK_BYTES = 48 * 1024;
    private static final byte INVALID = -1;
    private static final byte WHITESPACE = -2;
    private static final byte PADDING = -3;
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, INVALID);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
        VALUES[' '] = WHITESPACE;
        VALUES['\t'] = WHITESPACE;
        VALUES['\r'] = WHITESPACE;
        VALUES['\n'] = WHITESPACE;
        VALUES['='] = PADDING;
    }

    private final Sink sink;
    private final byte[] block = new byte[BLOCK_BYTES];
    private int blockLength;
    /** The bits of the current group of four characters, and how many of them have arrived. */
    private int bits;
    private int groupChars;
    private int padding;
    private long position;

    Base64StreamDecoder(Sink sink) {
        this.sink = sink;
    }

    /** Decodes {@code text[from, to)}. */
    void accept(CharSequence text, int from, int to) throws InvalidBase64, IOException {
        for (int i = from; i < to; i++) {
            accept(text.charAt(i));
        }
    }

    void accept(char c) throws InvalidBase64, IOException {
        int value = c < VALUES.length ? VALUES[c] : INVALID;
        if (value >= 0) {
            if (padding > 0) {
                throw new InvalidBase64("data after the padding at position " + position);
            }
            bits = bits << 6 | value;
            if (++groupChars == 4) {
                block[blockLength++] = (byte) (bits >> 16);
                block[blockLength++] = (byte) (bits >> 8);
                block[blockLength++] = (byte) bits;
                bits = 0;
                groupChars = 0;
                if (blockLength == block.length) {
                    flush();
                }
            }
        } else if (value == PADDING) {
            // '=' completes a group of two or three characters: "xx==" or "xxx=".
            if (groupChars < 2 || groupChars + padding >= 4) {
                throw new InvalidBase64("unexpected '=' at position " + position);
            }
            padding++;
        } else if (value != WHITESPACE) {
            throw new InvalidBase64("illegal character " + describe(c) + " at position " + position);
        }
        position++;
    }

    /** Decodes the last group and hands on the remaining bytes; the text must end here. */
    void finish() throws InvalidBase64, IOException {
        if (padding > 0 && groupChars + padding != 4) {
            throw new InvalidBase64("incomplete padding at the end");
        }
        switch (groupChars) {
            case 1 -> throw new InvalidBase64("the last group has a single character (the data is cut short)");
            case 2 -> block[blockLength++] = (byte) (bits >> 4);
            case 3 -> {
                block[blockLength++] = (byte) (bits >> 10);
                block[blockLength++] = (byte) (bits >> 2);
            }
            default -> {
                // A complete group: nothing left over.
            }
        }
        groupChars = 0;
        flush();
    }

    /** Characters consumed so far, whitespace included. */
    long position() {
        return position;
    }

    private void flush() throws IOException {
        if (blockLength > 0) {
            sink.write(block, 0, blockLength);
            blockLength = 0;
        }
    }

    private static String describe(char c) {
        String code = String.format("U+%04X", (int) c);
        return c >= 0x20 && c < 0x7f ? "'" + c + "' (" + code + ")" : code;
    }
}
