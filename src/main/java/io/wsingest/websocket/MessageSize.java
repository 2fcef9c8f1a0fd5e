package io.wsingest.websocket;

import java.nio.ByteBuffer;

/** The size of a WebSocket message's payload, as it travels: text in UTF-8. */
public final class MessageSize {

    private MessageSize() {
    }

    /**
     * The UTF-8 size, counted without encoding: the UTF-16 length would be a lower bound (a character takes up to
     * three bytes).
     */
    public static long of(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // Two bytes below U+0800; three above; a surrogate pair is four, two for each half.
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }

    public static long of(ByteBuffer data) {
        return data.remaining();
    }
}
