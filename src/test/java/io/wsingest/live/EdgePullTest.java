package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.wsingest.live.LiveFixture.Client;
import io.wsingest.storage.Sha256;

/** The edge's side of a pull: what the origin sends becomes this node's stream, for its receivers. */
class EdgePullTest {

    /** The pull's connection as the listener sees it: only flow control matters here. */
    private static final class Origin implements WebSocket {
        long requested;
        boolean aborted;

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public String getSubprotocol() {
            return "";
        }

        @Override
        public boolean isOutputClosed() {
            return false;
        }

        @Override
        public boolean isInputClosed() {
            return false;
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }

    private final LiveFixture edge = new LiveFixture(Map.of(LiveSettings.MAX_CHUNK_BYTES, "1KiB"));
    private final Origin origin = new Origin();
    private final List<EdgePull> ended = new ArrayList<>();

    private EdgePull pull(String channel) throws Exception {
        return pull(edge, channel);
    }

    private EdgePull pull(LiveFixture node, String channel) throws Exception {
        LiveStream stream = node.relay.publishInternally(channel, Sha256.ofText("k"), "s1", "origin node1");
        EdgePull pull = new EdgePull(node.relay, stream, node.settings.maxChunkBytes(), ended::add);
        pull.onOpen(origin);
        return pull;
    }

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void chunksFromTheOriginReachTheReceiversInOrderWholeOrInParts() throws Exception {
        Client receiver = edge.connect("cam/k/receive");
        EdgePull pull = pull("cam");
        pull.onBinary(origin, text("one"), true);
        pull.onText(origin, "h", true);
        pull.onBinary(origin, text("tw"), false);
        pull.onBinary(origin, text("o"), true);
        assertEquals(List.of("one", "two"), receiver.peer().chunks());
        assertEquals(5, origin.requested, "one more message asked for after each");
    }

    @Test
    void theOriginsCloseEndsTheReceiversAndThePull() throws Exception {
        Client receiver = edge.connect("cam/k/receive");
        EdgePull pull = pull("cam");
        pull.onBinary(origin, text("last"), true);
        pull.onClose(origin, 1000, "Stream ended");
        assertEquals(List.of("last"), receiver.peer().chunks());
        assertEquals(LiveClose.STREAM_ENDED, receiver.peer().closed());
        assertEquals(List.of(pull), ended);
        assertTrue(pull.isOver());
    }

    @Test
    void aLostConnectionEndsTheReceivers() throws Exception {
        Client receiver = edge.connect("cam/k/receive");
        pull("cam").onError(origin, new IOException("connection reset"));
        assertEquals(LiveClose.STREAM_ENDED, receiver.peer().closed());
    }

    @Test
    void theOriginsCacheIsTheReceiversStartNotTheirLag() throws Exception {
        LiveFixture small = new LiveFixture(Map.of(LiveSettings.RECEIVER_QUEUE_BYTES, "64KiB",
                LiveSettings.MAX_CHUNK_BYTES, "1KiB"));
        Client receiver = small.connect("cam/k/receive");
        receiver.peer().stall();
        EdgePull pull = pull(small, "cam");
        for (int i = 0; i < 100; i++) {
            pull.onBinary(origin, ByteBuffer.allocate(1000), true);
        }
        assertEquals(0, small.relay.figures().receiversDroppedTooSlow(), "100 KB of the origin's cache waits");

        pull.onText(origin, EdgePull.LIVE_FROM_HERE, true);
        for (int i = 0; i < 100; i++) {
            pull.onBinary(origin, ByteBuffer.allocate(1000), true);
        }
        assertEquals(1, small.relay.figures().receiversDroppedTooSlow(), "more than 64 KiB of live chunks wait");
    }

    @Test
    void aChunkOverTheMaximumStopsThePull() throws Exception {
        Client receiver = edge.connect("cam/k/receive");
        EdgePull pull = pull("cam");
        pull.onBinary(origin, ByteBuffer.allocate(600), false);
        pull.onBinary(origin, ByteBuffer.allocate(600), true);
        assertEquals(List.of(), receiver.peer().chunks());
        assertEquals(LiveClose.STREAM_ENDED, receiver.peer().closed());
        assertTrue(pull.isOver());
    }
}
