package io.wsingest.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * Closes as the wire allows them: a close frame carries at most 123 bytes of UTF-8 reason text. Every endpoint closes
 * a session through {@link #close(Session, Disconnect)}.
 */
public final class CloseReasons {

    private static final Logger LOG = Logger.getLogger(CloseReasons.class.getName());
    private static final int MAX_REASON_BYTES = 123;

    private CloseReasons() {
    }

    public static CloseReason of(int code, String reason) {
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(reason));
    }

    /**
     * Closes the session with the disconnect's code and reason, unless it is closed already. A close that fails needs
     * nothing more: the connection is gone either way, and its close handling runs.
     */
    public static void close(Session session, Disconnect disconnect) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(of(disconnect.code(), disconnect.reason()));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, e, () -> "Closing WebSocket session " + session.getId() + " with " + disconnect.code()
                    + " failed");
        }
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
