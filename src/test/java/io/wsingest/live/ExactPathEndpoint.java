package io.wsingest.live;

import java.io.IOException;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Deployed only by {@link LiveStreamingIT}: an exact three-segment path, which must win over the live template. */
@ServerEndpoint("/test/live/exact")
public class ExactPathEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("exact");
    }
}
