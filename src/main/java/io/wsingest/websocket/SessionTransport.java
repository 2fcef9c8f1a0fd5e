package io.wsingest.websocket;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/** An {@link Outbox.Transport} over a session's asynchronous remote. */
public record SessionTransport(Session session) implements Outbox.Transport {

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        session.getAsyncRemote().sendText(text, result -> done.accept(failure(result)));
    }

    @Override
    public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
        session.getAsyncRemote().sendBinary(data, result -> done.accept(failure(result)));
    }

    private static Throwable failure(SendResult result) {
        return result.isOK() ? null : result.getException();
    }
}
