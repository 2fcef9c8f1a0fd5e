package io.wsingest.live;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An edge's one connection to the origin of a channel: it receives the origin's stream (the cache first, then live
 * chunks, in order) and appends each chunk to this node's copy of the stream, from which the relay fans it out to
 * the local receivers as from a publisher. The origin sees it as one receiver, however many this node has.
 *
 * <p>Appending never waits for a receiver (each has its own queue and is cut off when it lags), so a stalled
 * receiver here never slows the pull. When the connection ends, for whatever reason (the origin's stream ended, the
 * origin died, the pull was stopped), the local stream ends and its receivers are closed with {@code Stream ended}.
 */
final class EdgePull implements WebSocket.Listener {

    /** The origin's endpoint for pulls, under its node URL. */
    static final String PATH = "/ws/cluster/live/";
    /** The text the origin sends after its cache: the chunks before it are the receivers' start, not their lag. */
    static final String LIVE_FROM_HERE = "live";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final LiveRelay relay;
    private final LiveStream stream;
    private final long maxChunkBytes;
    private final Consumer<EdgePull> onEnded;
    private final AtomicBoolean ended = new AtomicBoolean();

    private volatile WebSocket socket;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile String endReason;
    private volatile CompletableFuture<WebSocket> heartbeat = CompletableFuture.completedFuture(null);
    // Only the listener's calls touch these, one at a time.
    private ByteArrayOutputStream message = new ByteArrayOutputStream();
    private boolean replayingCache = true;

    /**
     * @param stream  this node's copy of the origin's stream, already started on the relay
     * @param onEnded told once when the pull is over
     */
    EdgePull(LiveRelay relay, LiveStream stream, long maxChunkBytes, Consumer<EdgePull> onEnded) {
        this.relay = relay;
        this.stream = stream;
        this.maxChunkBytes = maxChunkBytes;
        this.onEnded = onEnded;
    }

    /** Where the origin at {@code nodeUrl} serves this stream to a node with the token. */
    static URI address(URI nodeUrl, String channel, String streamId, String token) {
        return URI.create(nodeUrl + PATH + channel + "?stream=" + URLEncoder.encode(streamId, StandardCharsets.UTF_8)
                + "&token=" + token);
    }

    String channel() {
        return stream.channel.name;
    }

    String streamId() {
        return stream.streamId;
    }

    /** Connects to the origin; a connection that fails ends the pull. */
    void connect(HttpClient http, URI origin) {
        http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(origin, this)
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        end("could not connect to " + origin.getHost() + ":" + origin.getPort() + ": " + failure);
                        return;
                    }
                    socket = ws;
                    if (ended.get()) {
                        ws.abort(); // stopped while connecting
                    }
                });
    }

    /** Sends {@code h}, so that the origin does not close the pull as idle; skipped while the last is on its way. */
    void heartbeat() {
        WebSocket ws = socket;
        if (ws != null && heartbeat.isDone() && !ended.get()) {
            heartbeat = ws.sendText("h", true);
        }
    }

    /** Ends the pull now: the connection is dropped and the local receivers get {@code Stream ended}. */
    void stop(String why) {
        end(why);
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    boolean isOver() {
        return ended.get();
    }

    /** Why the pull ended, for the log; null while it runs. */
    String endReason() {
        return endReason;
    }

    /** Whether nothing, not even a heartbeat, came from the origin for longer than {@code silence}. */
    boolean silentFor(Duration silence, long nowNanos) {
        return nowNanos - lastHeardNanos > silence.toNanos();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer part, boolean last) {
        lastHeardNanos = System.nanoTime();
        if (message.size() + (long) part.remaining() > maxChunkBytes) {
            // The origin enforces the same limit: a node with another one is misconfigured.
            stop("a chunk from the origin is larger than " + maxChunkBytes + " bytes");
            return null;
        }
        byte[] bytes = new byte[part.remaining()];
        part.get(bytes);
        if (last && message.size() == 0) {
            relay.append(stream, ByteBuffer.wrap(bytes).asReadOnlyBuffer(), replayingCache); // whole: copied once
        } else {
            message.writeBytes(bytes);
            if (last) {
                relay.append(stream, ByteBuffer.wrap(message.toByteArray()).asReadOnlyBuffer(), replayingCache);
                message = new ByteArrayOutputStream();
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastHeardNanos = System.nanoTime();
        if (LIVE_FROM_HERE.contentEquals(data)) {
            replayingCache = false;
        }
        webSocket.request(1); // otherwise the origin's heartbeats
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end("the origin closed the pull: " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        end("the pull's connection failed: " + error);
    }

    private void end(String why) {
        if (ended.compareAndSet(false, true)) {
            endReason = why;
            relay.end(stream);
            onEnded.accept(this);
        }
    }
}
