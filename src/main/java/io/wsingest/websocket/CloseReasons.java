package io.wsingest.websocket;

import java.nio.charset.StandardCharsets;

import jakarta.websocket.CloseReason;

/** Close reasons as the wire allows them: a close frame carries at most 123 bytes of UTF-8 reason text. */
public final class CloseReasons {

    private static final int MAX_REASON_BYTES = 123;

    private CloseReasons() {
    }

    public static CloseReason of(int code, String reason) {
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(reason));
    }

    /** Cuts the text to the longest prefix of whole characters that fits in 123 UTF-8 bytes. */
    public static String truncate(String reason) {
        if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return reason;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < reason.length(); ) {
            int cp = reason.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_REASON_BYTES) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
