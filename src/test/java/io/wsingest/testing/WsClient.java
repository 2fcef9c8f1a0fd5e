package io.wsingest.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.glassfish.tyrus.client.ClientManager;

/**
 * A real WebSocket client (Tyrus) for tests: every message and the close reason go into queues, and tests wait on
 * them with timeouts — never sleeps.
 */
public final class WsClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private static final ClientManager CLIENT = ClientManager.createClient();

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Session session;

    private WsClient(URI uri, ClientEndpointConfig config) throws IOException, DeploymentException {
        this.session = CLIENT.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig c) {
                s.setMaxBinaryMessageBufferSize(64 * 1024 * 1024);
                s.setMaxTextMessageBufferSize(64 * 1024 * 1024);
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    bytesReceived.addAndGet(utf8Length(text));
                    messages.add(text);
                });
                s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                    bytesReceived.addAndGet(data.remaining());
                    messages.add(data);
                });
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                closed.complete(reason);
            }
        }, config, uri);
    }

    public static WsClient connect(URI uri) throws IOException, DeploymentException {
        return new WsClient(uri, ClientEndpointConfig.Builder.create().build());
    }

    /** Connects with extra handshake headers (Authorization) and offered subprotocols. */
    public static WsClient connect(URI uri, Map<String, String> headers, List<String> subprotocols)
            throws IOException, DeploymentException {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(subprotocols)
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> request) {
                        headers.forEach((name, value) -> request.put(name, List.of(value)));
                    }
                })
                .build();
        return new WsClient(uri, config);
    }

    public Session session() {
        return session;
    }

    public void sendText(String text) throws IOException {
        bytesSent.addAndGet(utf8Length(text));
        try {
            session.getBasicRemote().sendText(text);
        } catch (RejectedExecutionException closedMeanwhile) {
            closedDuringSend(closedMeanwhile);
        }
    }

    /** Sends one text message in frames of at most {@code frameChars} characters (continuation frames). */
    public void sendTextInFrames(String text, int frameChars) throws IOException {
        for (int start = 0; start < text.length(); start += frameChars) {
            int end = Math.min(text.length(), start + frameChars);
            bytesSent.addAndGet(utf8Length(text.substring(start, end)));
            session.getBasicRemote().sendText(text.substring(start, end), end == text.length());
        }
    }

    /**
     * Sends one binary message in frames of at most {@code frameBytes} (continuation frames); stops when the server
     * closed the connection meanwhile, as it may after the first frames.
     */
    public void sendBinaryInFrames(ByteBuffer data, int frameBytes) throws IOException {
        while (data.hasRemaining() && !closed.isDone()) {
            ByteBuffer frame = data.slice().limit(Math.min(frameBytes, data.remaining()));
            data.position(data.position() + frame.remaining());
            bytesSent.addAndGet(frame.remaining());
            try {
                session.getBasicRemote().sendBinary(frame, !data.hasRemaining());
            } catch (IOException | RejectedExecutionException | IllegalStateException e) {
                // Tyrus refuses to send once it has seen the close, before the client's onClose has run.
                if (!closed.isDone() && session.isOpen()) {
                    throw e;
                }
                return;
            }
        }
    }

    public void sendBinary(ByteBuffer data) throws IOException {
        bytesSent.addAndGet(data.remaining());
        try {
            session.getBasicRemote().sendBinary(data);
        } catch (RejectedExecutionException closedMeanwhile) {
            closedDuringSend(closedMeanwhile);
        }
    }

    /**
     * Tyrus writes the message, then re-arms the session's idle timer; when the server closed the connection in
     * between (as it does right after refusing that very message), the timer's executor is gone and Tyrus throws
     * this. The message went out; the test goes on to check the close.
     */
    private void closedDuringSend(RejectedExecutionException e) {
        if (!closed.isDone() && session.isOpen()) {
            throw e;
        }
    }

    /** The next message, which must be text. */
    public String awaitText() throws InterruptedException {
        Object message = next(WAIT);
        if (!(message instanceof String text)) {
            throw new AssertionError("expected a text message, got " + describe(message));
        }
        return text;
    }

    /** The next message, which must be binary. */
    public ByteBuffer awaitBinary() throws InterruptedException {
        Object message = next(WAIT);
        if (!(message instanceof ByteBuffer data)) {
            throw new AssertionError("expected a binary message, got " + describe(message));
        }
        return data;
    }

    /** The next message within the wait, or null: for asserting that nothing arrives. */
    public Object poll(Duration wait) throws InterruptedException {
        return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the server to close the connection and returns its close reason. */
    public CloseReason awaitClose() throws Exception {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Says which side kept the connection: a client that still sees it open never got a close frame.
            throw new AssertionError("no close within " + WAIT + "; the client's session is "
                    + (session.isOpen() ? "open" : "closed") + ", " + messages.size() + " messages unread"
                    + (messages.isEmpty() ? "" : ", the first " + describe(messages.peek())), e);
        }
    }

    /** Payload bytes of every message sent so far: text in UTF-8 (what the server counts as received). */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Payload bytes of every message received so far: text in UTF-8. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Waits for the server to close the connection and returns what it sent before the close that was not read yet,
     * in order: the container delivers a connection's messages before its close.
     */
    public List<Object> messagesBeforeClose() throws Exception {
        awaitClose();
        List<Object> rest = new ArrayList<>();
        messages.drainTo(rest);
        return rest;
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }

    private Object next(Duration wait) throws InterruptedException {
        Object message = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + wait + (closed.isDone() ? "; closed: " + closed.join() : ""));
        }
        return message;
    }

    private static String describe(Object message) {
        return message instanceof ByteBuffer b ? "binary of " + b.remaining() + " bytes" : "text: " + message;
    }
}
