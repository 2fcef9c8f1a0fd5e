package io.wsingest.live;

import static io.wsingest.live.LiveClients.assertClosed;
import static io.wsingest.live.LiveClients.assertRefused;
import static io.wsingest.live.LiveClients.channel;
import static io.wsingest.live.LiveClients.chunk;
import static io.wsingest.live.LiveClients.connect;
import static io.wsingest.live.LiveClients.nextBinary;
import static io.wsingest.live.LiveClients.nextChunk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URL;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;

/** Protocol E over real sockets with the default settings (open keys): publish, receive, cache, probe, ends. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class LiveStreamingIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application().addClass(ExactPathEndpoint.class);
    }

    @ArquillianResource
    URL url;

    private TestServer server() {
        return new TestServer(url);
    }

    private static byte[] payload(int index, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (index * 31 + i);
        }
        return bytes;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(copy);
        return copy;
    }

    @Test
    void twoReceiversGetIdenticalOrderedBytes() throws Exception {
        String ch = channel("two");
        try (WsClient a = connect(server(), ch, "k1", "receive");
             WsClient b = connect(server(), ch, "k1", "receive");
             WsClient publisher = connect(server(), ch, "k1", "publish")) {
            for (int i = 0; i < 50; i++) {
                publisher.sendBinary(ByteBuffer.wrap(payload(i, 1000 + 37 * i)));
            }
            for (WsClient receiver : List.of(a, b)) {
                for (int i = 0; i < 50; i++) {
                    assertArrayEquals(payload(i, 1000 + 37 * i), bytes(nextBinary(receiver)), "chunk " + i);
                }
            }
        }
    }

    @Test
    void receiverWaitingBeforeThePublisherGetsTheStream() throws Exception {
        String ch = channel("wait");
        try (WsClient receiver = connect(server(), ch, "k1", "receive")) {
            try (WsClient publisher = connect(server(), ch, "k1", "publish")) {
                publisher.sendBinary(chunk("one"));
                publisher.sendBinary(chunk("two"));
                assertEquals("one", nextChunk(receiver));
                assertEquals("two", nextChunk(receiver));
            }
            assertClosed(receiver, LiveClose.STREAM_ENDED);
        }
    }

    @Test
    void lateReceiverGetsTheCacheThenLiveChunks() throws Exception {
        String ch = channel("late");
        try (WsClient early = connect(server(), ch, "k1", "receive");
             WsClient publisher = connect(server(), ch, "k1", "publish")) {
            for (String c : List.of("c1", "c2", "c3")) {
                publisher.sendBinary(chunk(c));
                assertEquals(c, nextChunk(early));
            }
            try (WsClient late = connect(server(), ch, "k1", "receive")) {
                assertEquals("c1", nextChunk(late));
                assertEquals("c2", nextChunk(late));
                assertEquals("c3", nextChunk(late));
                publisher.sendBinary(chunk("c4"));
                assertEquals("c4", nextChunk(late));
                assertEquals("c4", nextChunk(early));
            }
        }
    }

    @Test
    void receiveClearCacheEmptiesTheCacheForLaterReceivers() throws Exception {
        String ch = channel("clear");
        try (WsClient early = connect(server(), ch, "k1", "receive");
             WsClient publisher = connect(server(), ch, "k1", "publish")) {
            for (String c : List.of("c1", "c2")) {
                publisher.sendBinary(chunk(c));
                assertEquals(c, nextChunk(early));
            }
            try (WsClient clearing = connect(server(), ch, "k1", "receive-clear-cache")) {
                assertEquals("c1", nextChunk(clearing), "it gets the cache itself");
                assertEquals("c2", nextChunk(clearing));
                // The cache is empty and off now: a later receiver gets only chunks sent after it joined.
                try (WsClient later = connect(server(), ch, "k1", "receive")) {
                    String first = null;
                    for (int i = 3; first == null && i < 200; i++) {
                        publisher.sendBinary(chunk("c" + i));
                        assertEquals("c" + i, nextChunk(early));
                        Object got = later.poll(LiveClients.shortly());
                        if (got instanceof ByteBuffer data) {
                            first = java.nio.charset.StandardCharsets.UTF_8.decode(data).toString();
                            assertEquals("c" + i, first, "no cached chunk, only the live one");
                        }
                    }
                    assertNotNull(first, "the later receiver joined");
                }
            }
        }
    }

    @Test
    void probeGetsExactlyTheOldestCachedChunkThenTheServerCloses() throws Exception {
        String ch = channel("probe");
        try (WsClient early = connect(server(), ch, "k1", "receive");
             WsClient publisher = connect(server(), ch, "k1", "publish")) {
            for (String c : List.of("first", "second")) {
                publisher.sendBinary(chunk(c));
                assertEquals(c, nextChunk(early));
            }
            try (WsClient probe = connect(server(), ch, "k1", "probe")) {
                assertEquals("first", nextChunk(probe));
                assertClosed(probe, LiveClose.PROBE_COMPLETE);
                assertNoMoreChunks(probe);
            }
        }
    }

    @Test
    void probeBeforeThePublisherGetsTheFirstChunk() throws Exception {
        String ch = channel("probe-wait");
        try (WsClient probe = connect(server(), ch, "k1", "probe");
             WsClient publisher = connect(server(), ch, "k1", "publish")) {
            publisher.sendBinary(chunk("first"));
            publisher.sendBinary(chunk("second"));
            assertEquals("first", nextChunk(probe));
            assertClosed(probe, LiveClose.PROBE_COMPLETE);
            assertNoMoreChunks(probe);
        }
    }

    @Test
    void secondPublisherIsRefused() throws Exception {
        String ch = channel("busy");
        try (WsClient receiver = connect(server(), ch, "k1", "receive");
             WsClient publisher = connect(server(), ch, "k1", "publish")) {
            publisher.sendBinary(chunk("on air"));
            assertEquals("on air", nextChunk(receiver));
            try (WsClient second = connect(server(), ch, "k1", "publish")) {
                assertRefused(second, LiveClose.CHANNEL_BUSY);
            }
            publisher.sendBinary(chunk("still on air"));
            assertEquals("still on air", nextChunk(receiver));
        }
    }

    /** The cluster's internal pull endpoint serves only nodes with the cluster's token (none on a single server). */
    @Test
    void aPullWithoutTheClusterTokenIsRefused() throws Exception {
        String ch = channel("pull");
        try (WsClient receiver = connect(server(), ch, "k1", "receive");
             WsClient publisher = connect(server(), ch, "k1", "publish")) {
            publisher.sendBinary(chunk("on air"));
            assertEquals("on air", nextChunk(receiver));
            try (WsClient pull = WsClient.connect(server().ws("ws/cluster/live/" + ch + "?stream=s1&token=00"))) {
                assertRefused(pull, LiveClose.NOT_A_CLUSTER_NODE);
            }
        }
    }

    @Test
    void receiverWithAnotherKeyIsRefused() throws Exception {
        String ch = channel("key");
        try (WsClient receiver = connect(server(), ch, "right", "receive");
             WsClient publisher = connect(server(), ch, "right", "publish")) {
            publisher.sendBinary(chunk("x"));
            assertEquals("x", nextChunk(receiver));
            try (WsClient thief = connect(server(), ch, "wrong", "receive")) {
                assertRefused(thief, LiveClose.INVALID_STREAMING_KEY);
            }
            try (WsClient prober = connect(server(), ch, "wrong", "probe")) {
                assertRefused(prober, LiveClose.INVALID_STREAMING_KEY);
            }
        }
    }

    @Test
    void waitingReceiverWithAnotherKeyIsRefusedWhenThePublisherArrives() throws Exception {
        String ch = channel("key-wait");
        try (WsClient wrong = connect(server(), ch, "guess", "receive");
             WsClient publisher = connect(server(), ch, "right", "publish")) {
            assertRefused(wrong, LiveClose.INVALID_STREAMING_KEY);
        }
    }

    @Test
    void publisherCloseEndsEveryReceiver() throws Exception {
        String ch = channel("end");
        try (WsClient a = connect(server(), ch, "k1", "receive");
             WsClient b = connect(server(), ch, "k1", "receive")) {
            WsClient publisher = connect(server(), ch, "k1", "publish");
            publisher.sendBinary(chunk("last words"));
            assertEquals("last words", nextChunk(a));
            assertEquals("last words", nextChunk(b));
            publisher.close();
            assertClosed(a, LiveClose.STREAM_ENDED);
            assertClosed(b, LiveClose.STREAM_ENDED);
        }
    }

    @Test
    void chunkLargerThanTheLimitClosesThePublisher() throws Exception {
        String ch = channel("big");
        try (WsClient receiver = connect(server(), ch, "k1", "receive");
             WsClient publisher = connect(server(), ch, "k1", "publish")) {
            publisher.sendBinary(ByteBuffer.allocate(4 * 1024 * 1024 + 1));
            jakarta.websocket.CloseReason reason = publisher.awaitClose();
            assertEquals(1009, reason.getCloseCode().getCode(), String.valueOf(reason));
            assertClosed(receiver, LiveClose.STREAM_ENDED);
        }
    }

    @Test
    void invalidPathsGetTheirErrors() throws Exception {
        try (WsClient client = connect(server(), "Upper", "k1", "receive")) {
            assertRefused(client, LiveClose.INVALID_CHANNEL);
        }
        try (WsClient client = connect(server(), "chan", "bad.key", "receive")) {
            assertRefused(client, LiveClose.INVALID_KEY);
        }
        try (WsClient client = connect(server(), "chan", "k1", "watch")) {
            assertRefused(client, LiveClose.INVALID_KIND);
        }
    }

    @Test
    void exactPathsOfOtherEndpointsWinOverTheTemplate() throws Exception {
        try (WsClient client = WsClient.connect(server().ws("test/live/exact"))) {
            assertEquals("exact", client.awaitText());
        }
    }

    @Test
    void administratorsSeeTheChannelsLiveStateButNoKey() throws Exception {
        String ch = channel("listed");
        String key = "unlisted-secret-key";
        try (WsClient receiver = connect(server(), ch, key, "receive");
             WsClient publisher = connect(server(), ch, key, "publish")) {
            publisher.sendBinary(chunk("12345"));
            assertEquals("12345", nextChunk(receiver));
            JsonObject listing = LiveClients.listing(server());
            assertEquals("open", listing.getString("keyMode"));
            assertTrue(listing.getJsonObject("figures").getJsonNumber("bytesIn").longValue() >= 5);
            assertTrue(listing.getJsonObject("figures").getInt("publishers") >= 1);
            JsonObject state = LiveClients.channelState(server(), ch);
            assertNotNull(state, listing.toString());
            assertTrue(state.getBoolean("publishing"));
            assertEquals(1, state.getInt("receivers"));
            assertEquals(5, state.getJsonNumber("bytesIn").longValue());
            assertFalse(state.getBoolean("keyStored"));
            Instant.parse(state.getString("startedAt"));
            assertFalse(state.getString("streamId").isBlank());
            assertTrue(InetAddress.getByName(state.getString("publisher")).isLoopbackAddress(),
                    "the publisher's own address, from the handshake: " + state.getString("publisher"));
            assertFalse(listing.toString().contains(key), "never a key");

            var single = server().get("api/live/channels/" + ch, TestServer.adminToken("root"));
            assertEquals(200, single.statusCode());
            assertEquals(404, server().get("api/live/channels/" + channel("none"), TestServer.adminToken("root"))
                    .statusCode());
            assertEquals(403, server().get("api/live/channels", TestServer.token("viewer")).statusCode());
            assertEquals(401, server().get("api/live/channels", null).statusCode());
        }
    }

    private static void assertNoMoreChunks(WsClient client) throws InterruptedException {
        List<Object> rest = new ArrayList<>();
        Object message;
        while ((message = client.poll(java.time.Duration.ZERO)) != null) {
            rest.add(message);
        }
        assertTrue(rest.stream().noneMatch(ByteBuffer.class::isInstance), "exactly one chunk: " + rest);
    }
}
