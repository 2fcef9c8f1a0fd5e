package io.wsingest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client connection (the JDK's {@link WebSocket}) whose incoming text messages and close wait in a
 * queue; binary messages are counted and dropped. Enough for the upload protocols, which answer in text.
 */
final class Ws implements WebSocket.Listener {

    /** The connection closed (code -1: it failed). */
    record Closed(int code, String reason) {
    }

    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private StringBuilder text = new StringBuilder();
    WebSocket socket;

    static Ws connect(HttpClient client, String uri, String token) throws IOException {
        Ws ws = new Ws();
        try {
            WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            ws.socket = builder.buildAsync(URI.create(uri), ws).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("cannot connect to " + uri + ": " + e, e);
        }
        return ws;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            inbox.add(text.toString());
            text = new StringBuilder();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        inbox.add(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        inbox.add(new Closed(-1, String.valueOf(error)));
    }

    /** The next text message; an IOException if the connection closes first or nothing comes in time. */
    String nextText(long timeoutSeconds) throws IOException {
        Object next = next(timeoutSeconds);
        if (next instanceof Closed closed) {
            throw new IOException("connection closed: " + closed.code() + " " + closed.reason());
        }
        return (String) next;
    }

    /** The next text message or the close. */
    Object next(long timeoutSeconds) throws IOException {
        try {
            Object next = inbox.poll(timeoutSeconds, TimeUnit.SECONDS);
            if (next == null) {
                throw new IOException("nothing arrived in " + timeoutSeconds + " s");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Skips text messages until the connection closes. */
    Closed awaitClose(long timeoutSeconds) throws IOException {
        while (true) {
            if (next(timeoutSeconds) instanceof Closed closed) {
                return closed;
            }
        }
    }

    void sendBinary(ByteBuffer data) {
        socket.sendBinary(data, true).join();
    }

    void sendText(String data) {
        socket.sendText(data, true).join();
    }

    void abort() {
        if (socket != null) {
            socket.abort();
        }
    }
}
