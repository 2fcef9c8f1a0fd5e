package io.wsingest.websocket;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * An {@link Outbox.Transport} over a session's asynchronous remote.
 *
 * @param sent told the payload size of each message the container sent (the protocol's bytes out)
 */
public record SessionTransport(Session session, LongConsumer sent) implements Outbox.Transport {

    /** A transport whose bytes the protocol counts elsewhere (the live relay counts its own). */
    public SessionTransport(Session session) {
        this(session, bytes -> { });
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        long size = MessageSize.of(text);
        session.getAsyncRemote().sendText(text, result -> done.accept(failure(result, size)));
    }

    @Override
    public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
        long size = MessageSize.of(data);
        session.getAsyncRemote().sendBinary(data, result -> done.accept(failure(result, size)));
    }

    private Throwable failure(SendResult result, long size) {
        if (!result.isOK()) {
            return result.getException();
        }
        sent.accept(size);
        return null;
    }
}
