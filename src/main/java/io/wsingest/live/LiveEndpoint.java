package io.wsingest.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import io.wsingest.logging.Incident;
import io.wsingest.websocket.CloseReasons;

/**
 * Protocol E: {@code ws://host/{channel}/{key}/{kind}}. Thin: every message goes to the connection's
 * {@link LiveAdmission.Handler}. Exact paths of the other protocols ({@code /ws/core/upload}) win over this
 * template, as the WebSocket specification orders matches.
 */
@ServerEndpoint(value = "/{channel}/{key}/{kind}", configurator = LiveHandshake.class)
public class LiveEndpoint {

    private static final Logger LOG = Logger.getLogger(LiveEndpoint.class.getName());

    @Inject
    LiveHub hub;

    // The close can come while the open is still checking the key (the client gave up): whichever is second
    // closes the handler.
    private LiveAdmission.Handler live;
    private boolean closed;

    @OnOpen
    public void open(Session session, @PathParam("channel") String channel, @PathParam("key") String key,
            @PathParam("kind") String kind) {
        LiveAdmission.Handler opened = hub.open(session, channel, key, kind);
        boolean closeNow;
        synchronized (this) {
            live = opened;
            closeNow = closed;
        }
        if (closeNow) {
            opened.closed();
        }
    }

    @OnMessage
    public void text(String text) {
        live().text(text);
    }

    /** In parts, so that the relay counts a message's size itself and can say why it refuses one too large. */
    @OnMessage
    public void binary(ByteBuffer part, boolean last) {
        live().binary(part, last);
    }

    @OnClose
    public void close() {
        LiveAdmission.Handler opened;
        synchronized (this) {
            closed = true;
            opened = live;
        }
        if (opened != null) {
            opened.closed();
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        String reason = LiveClose.INTERNAL_ERROR.reason();
        if (failure instanceof IOException) {
            LOG.log(Level.FINE, "Live connection failed", failure);
        } else {
            reason += " (ref " + Incident.log(LOG, "Live connection failed", failure).ref() + ")";
        }
        CloseReasons.close(session, LiveClose.INTERNAL_ERROR.withReason(reason));
    }

    private synchronized LiveAdmission.Handler live() {
        return live;
    }
}
