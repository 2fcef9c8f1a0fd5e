package io.wsingest.live;

import java.nio.ByteBuffer;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Protocol E: {@code ws://host/{channel}/{key}/{kind}}. Thin: every message goes to the connection's
 * {@link LiveAdmission.Handler}. Exact paths of the other protocols ({@code /ws/core/upload}) win over this
 * template, as the WebSocket specification orders matches.
 */
@ServerEndpoint(value = "/{channel}/{key}/{kind}", configurator = LiveHandshake.class)
public class LiveEndpoint {

    @Inject
    LiveHub hub;

    private final LiveSocket socket = new LiveSocket();

    @OnOpen
    public void open(Session session, @PathParam("channel") String channel, @PathParam("key") String key,
            @PathParam("kind") String kind) {
        socket.opened(hub.open(session, channel, key, kind));
    }

    @OnMessage
    public void text(String text) {
        socket.handler().text(text);
    }

    /** In parts, so that the relay counts a message's size itself and can say why it refuses one too large. */
    @OnMessage
    public void binary(ByteBuffer part, boolean last) {
        socket.handler().binary(part, last);
    }

    @OnClose
    public void close() {
        socket.closed();
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LiveSocket.failed(session, failure);
    }
}
