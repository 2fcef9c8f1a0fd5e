package io.wsingest.live;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Cluster-internal: another node pulls a stream of this node for its receivers,
 * {@code /ws/cluster/live/{channel}?stream={stream id}&token={token}} (see {@link EdgePull}). Thin, as
 * {@link LiveEndpoint}; four segments, so no channel path ever reaches it.
 */
@ServerEndpoint(value = EdgePull.PATH + "{channel}", configurator = LiveHandshake.class)
public class LivePullEndpoint {

    @Inject
    LiveHub hub;

    private final LiveSocket socket = new LiveSocket();

    @OnOpen
    public void open(Session session, @PathParam("channel") String channel) {
        Map<String, List<String>> query = session.getRequestParameterMap();
        socket.opened(hub.openPull(session, channel, first(query, "stream"), first(query, "token")));
    }

    /** The edge's heartbeats. */
    @OnMessage
    public void text(String text) {
        socket.handler().text(text);
    }

    @OnClose
    public void close() {
        socket.closed();
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LiveSocket.failed(session, failure);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
