package io.wsingest.live;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.Session;

import io.wsingest.logging.Incident;
import io.wsingest.websocket.CloseReasons;

/**
 * What a live endpoint keeps of its connection: the {@link LiveAdmission.Handler} its messages go to. The close can
 * come while the open is still checking the key (the client gave up): whichever is second closes the handler.
 */
final class LiveSocket {

    private static final Logger LOG = Logger.getLogger(LiveSocket.class.getName());

    private LiveAdmission.Handler handler;
    private boolean closed;

    /** The open's outcome. */
    void opened(LiveAdmission.Handler opened) {
        boolean closeNow;
        synchronized (this) {
            handler = opened;
            closeNow = closed;
        }
        if (closeNow) {
            opened.closed();
        }
    }

    synchronized LiveAdmission.Handler handler() {
        return handler;
    }

    /** The session closed, either side. */
    void closed() {
        LiveAdmission.Handler opened;
        synchronized (this) {
            closed = true;
            opened = handler;
        }
        if (opened != null) {
            opened.closed();
        }
    }

    /** The connection failed in the server: closed with {@code Internal error}, and an incident unless an I/O error. */
    static void failed(Session session, Throwable failure) {
        String reason = LiveClose.INTERNAL_ERROR.reason();
        if (failure instanceof IOException) {
            LOG.log(Level.FINE, "Live connection failed", failure);
        } else {
            reason += " (ref " + Incident.log(LOG, "Live connection failed", failure).ref() + ")";
        }
        CloseReasons.close(session, LiveClose.INTERNAL_ERROR.withReason(reason));
    }
}
