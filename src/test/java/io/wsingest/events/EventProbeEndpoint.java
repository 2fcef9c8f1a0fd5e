package io.wsingest.events;

import java.io.IOException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import io.wsingest.auth.Authentication;
import io.wsingest.auth.WebSocketAuthenticator;
import io.wsingest.websocket.CloseReasons;
import io.wsingest.websocket.Outbox;
import io.wsingest.websocket.SessionTransport;

/**
 * Deployed only by the integration tests: authenticates like every endpoint, greets with the subject, registers for
 * the user's events ({@code ?upload=} for one upload only), and publishes {@code publish|user|upload|json} messages
 * through the real topic.
 */
@ServerEndpoint(value = "/test/events", configurator = WebSocketAuthenticator.class, subprotocols = "bearer")
public class EventProbeEndpoint {

    @Inject
    SessionRegistry registry;

    @Inject
    UploadEventPublisher publisher;

    private String userId;
    private OutboxSubscriber subscriber;

    @OnOpen
    public void open(Session session) throws IOException {
        if (Authentication.of(session) instanceof Authentication.Rejected rejected) {
            session.close(CloseReasons.of(4401, rejected.reason()));
            return;
        }
        userId = ((Authentication.Authenticated) Authentication.of(session)).identity().subject();
        List<String> upload = session.getRequestParameterMap().get("upload");
        Outbox outbox = new Outbox(new SessionTransport(session), 1 << 20, () -> { });
        subscriber = new OutboxSubscriber(outbox, upload == null ? null : upload.get(0));
        outbox.offerText("hello " + userId);
        registry.register(userId, subscriber);
    }

    @OnMessage
    public void message(String text) {
        String[] parts = text.split("\\|", 4);
        publisher.publish(new UploadEvent(parts[1], parts[2], parts[3]));
    }

    @OnClose
    public void close() {
        if (subscriber != null) {
            registry.unregister(userId, subscriber);
        }
    }
}
