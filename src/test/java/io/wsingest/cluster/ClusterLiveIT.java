package io.wsingest.cluster;

import static io.wsingest.live.LiveClients.assertClosed;
import static io.wsingest.live.LiveClients.assertRefused;
import static io.wsingest.live.LiveClients.channel;
import static io.wsingest.live.LiveClients.channelState;
import static io.wsingest.live.LiveClients.chunk;
import static io.wsingest.live.LiveClients.connect;
import static io.wsingest.live.LiveClients.listing;
import static io.wsingest.live.LiveClients.nextBinary;
import static io.wsingest.live.LiveClients.nextChunk;
import static io.wsingest.live.LiveClients.numbered;
import static io.wsingest.live.LiveClients.shortly;
import static io.wsingest.upload.UploadFixtures.content;
import static io.wsingest.upload.UploadFixtures.liveViewer;
import static io.wsingest.upload.UploadFixtures.project;
import static io.wsingest.upload.UploadFixtures.sha256;
import static io.wsingest.upload.UploadFixtures.watchUntilStreamEnds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.wsingest.cluster.ClusterNodes.ClusterNode;
import io.wsingest.live.LiveClose;
import io.wsingest.live.StalledReceiver;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;
import io.wsingest.testing.WsClient;
import io.wsingest.upload.UploadClient;

/**
 * Protocol E across two nodes: a publisher on node 1 (the origin), receivers on both; node 2 (the edge) pulls the
 * stream once and serves its receivers as node 1 serves its own; protocol A's live uploads, which publish on their
 * project's channel, move between the nodes with it. Killing node 1 comes last, so that the others need no restart
 * of it.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLiveIT {

    private static final int CHUNK = 64 * 1024;
    /** Far more than loopback's socket buffers and a receiver's queue (8 MiB) can hold; the test stops at the cut. */
    private static final int MAX_CHUNKS = 3200;

    @Test
    @Order(1)
    void receiversOnBothNodesGetIdenticalOrderedBytesOverOnePull() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        TestServer origin = cluster.node1().http();
        TestServer edge = cluster.node2().http();
        String ch = channel("edge");
        try (WsClient publisher = connect(origin, ch, "k1", "publish");
             WsClient onOrigin = connect(origin, ch, "k1", "receive");
             WsClient onEdge = connect(edge, ch, "k1", "receive");
             WsClient alsoOnEdge = connect(edge, ch, "k1", "receive")) {
            for (int i = 0; i < 50; i++) {
                publisher.sendBinary(numbered(i, 1000 + 37 * i));
            }
            for (WsClient receiver : List.of(onOrigin, onEdge, alsoOnEdge)) {
                for (int i = 0; i < 50; i++) {
                    assertEquals(numbered(i, 1000 + 37 * i), nextBinary(receiver), "chunk " + i);
                }
            }
            assertEquals(2, channelState(origin, ch).getInt("receivers"), "its own receiver and node 2's one pull");
            assertEquals(2, channelState(edge, ch).getInt("receivers"));
        }
    }

    @Test
    @Order(2)
    void lateReceiverOnTheEdgeGetsTheCacheThenLiveChunks() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        TestServer origin = cluster.node1().http();
        String ch = channel("edge-late");
        try (WsClient publisher = connect(origin, ch, "k1", "publish");
             WsClient early = connect(origin, ch, "k1", "receive")) {
            for (String c : List.of("c1", "c2", "c3")) {
                publisher.sendBinary(chunk(c));
                assertEquals(c, nextChunk(early));
            }
            try (WsClient late = connect(cluster.node2().http(), ch, "k1", "receive")) {
                assertEquals("c1", nextChunk(late));
                assertEquals("c2", nextChunk(late));
                assertEquals("c3", nextChunk(late));
                publisher.sendBinary(chunk("c4"));
                assertEquals("c4", nextChunk(late));
            }
        }
    }

    @Test
    @Order(3)
    void receiverOnTheEdgeWithAnotherKeyIsRefused() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        String ch = channel("edge-key");
        try (WsClient publisher = connect(cluster.node1().http(), ch, "right", "publish");
             WsClient early = connect(cluster.node1().http(), ch, "right", "receive")) {
            publisher.sendBinary(chunk("on air"));
            assertEquals("on air", nextChunk(early));
            try (WsClient wrong = connect(cluster.node2().http(), ch, "wrong", "receive")) {
                assertRefused(wrong, LiveClose.INVALID_STREAMING_KEY);
            }
        }
    }

    @Test
    @Order(4)
    void secondPublisherOnTheOtherNodeIsRefused() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        String ch = channel("edge-busy");
        try (WsClient publisher = connect(cluster.node1().http(), ch, "k1", "publish");
             WsClient receiver = connect(cluster.node1().http(), ch, "k1", "receive")) {
            publisher.sendBinary(chunk("on air"));
            assertEquals("on air", nextChunk(receiver)); // the publisher is admitted, so the channel is entered
            try (WsClient second = connect(cluster.node2().http(), ch, "k1", "publish")) {
                assertRefused(second, LiveClose.CHANNEL_BUSY);
            }
            publisher.sendBinary(chunk("still on air"));
            assertEquals("still on air", nextChunk(receiver));
        }
    }

    @Test
    @Order(5)
    void publisherEndEndsTheEdgesReceivers() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        String ch = channel("edge-end");
        try (WsClient receiver = connect(cluster.node2().http(), ch, "k1", "receive")) {
            try (WsClient publisher = connect(cluster.node1().http(), ch, "k1", "publish")) {
                publisher.sendBinary(chunk("one"));
                publisher.sendBinary(chunk("two"));
                assertEquals("one", nextChunk(receiver), "it waited on node 2 for the publisher on node 1");
                assertEquals("two", nextChunk(receiver));
            }
            assertClosed(receiver, LiveClose.STREAM_ENDED);
        }
        // The channel is free again in the whole cluster (node 1 removes its entry as the stream ends).
        awaitPublisherAdmitted(cluster.node2().http(), ch, Duration.ofSeconds(20));
    }

    /**
     * Protocol A's live upload moves to node 2 while node 1 still streams it (the client lost its connection and node 1
     * has not noticed): node 2 takes the upload over and, once node 1's stream has ended, the project's channel too.
     */
    @Test
    @Order(7)
    void aProjectsLiveUploadMovesToTheEdgeWhileTheOriginStillStreamsIt() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        TestServer origin = cluster.node1().http();
        TestServer edge = cluster.node2().http();
        String user = Unique.name("lin");
        String project = project(origin, user);
        String key = Unique.name("k");
        byte[] data = content(400_000, 41);
        int first = 150_000;

        ByteArrayOutputStream watched = new ByteArrayOutputStream();
        try (WsClient viewer = liveViewer(edge, project, key);
             UploadClient lost = UploadClient.connect(origin, user, "id=" + project + "&saveMedia=false")) {
            lost.startAndSend("camera.bin", data, first);

            try (UploadClient resumed = UploadClient.connect(edge, user, "id=" + project + "&saveMedia=false")) {
                assertEquals(first, resumed.awaitStateInfo().getJsonNumber("CurrentFileOffset").longValue());
                resumed.answer("camera.bin", (long) data.length, first);
                assertEquals(first, resumed.awaitHeartbeat(), "taken over from node 1, channel and all");
                watched.write(watchUntilStreamEnds(viewer, first));
                try (WsClient next = liveViewer(edge, project, key)) {
                    resumed.sendRange(data, first, data.length);
                    resumed.awaitCompletion(data.length);
                    watched.write(watchUntilStreamEnds(next, data.length - first));
                }
            }
        }
        assertEquals(sha256(data), sha256(watched.toByteArray()), "every byte once, in order, across the move");
    }

    @Test
    @Order(8)
    void killingTheOriginEndsTheEdgesReceiversAndFreesTheChannel() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        ClusterNode origin = cluster.node1();
        TestServer edge = cluster.node2().http();
        String ch = channel("edge-kill");
        WsClient publisher = connect(origin.http(), ch, "k1", "publish");
        try (WsClient receiver = connect(edge, ch, "k1", "receive")) {
            publisher.sendBinary(chunk("before"));
            assertEquals("before", nextChunk(receiver));

            origin.kill();

            assertClosed(receiver, LiveClose.STREAM_ENDED);
        } finally {
            publisher.close();
        }
        // Once the dead node's entry has run out (a lease), a publisher on node 2 takes the channel.
        awaitPublisherAdmitted(edge, ch, Duration.ofSeconds(60));
    }

    /** Waits until a publisher on the node is admitted to the channel; until then each is refused as busy. */
    private static void awaitPublisherAdmitted(TestServer server, String ch, Duration wait) throws Exception {
        Instant deadline = Instant.now().plus(wait);
        while (!publishesOn(server, ch)) {
            assertTrue(Instant.now().isBefore(deadline), "the channel stayed busy for " + wait);
        }
    }

    /** Whether a publisher on the node is admitted to the channel (true) or refused as busy (false). */
    private static boolean publishesOn(TestServer server, String ch) throws Exception {
        try (WsClient publisher = connect(server, ch, "k1", "publish")) {
            while (true) {
                Object message = publisher.poll(shortly());
                if (message instanceof String text && !"h".equals(text)) {
                    assertEquals(LiveClose.CHANNEL_BUSY.errorMessage(), text);
                    assertClosed(publisher, LiveClose.CHANNEL_BUSY);
                    return false;
                }
                JsonObject state = channelState(server, ch);
                if (state != null && state.getBoolean("publishing")) {
                    return true;
                }
            }
        }
    }

    @Test
    @Order(6)
    void stalledReceiverOnTheEdgeCostsNobodyElseAnything() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        TestServer origin = cluster.node1().http();
        TestServer edge = cluster.node2().http();
        String ch = channel("edge-slow");
        long cutOnOrigin = cutOff(origin);
        long cutOnEdge = cutOff(edge);
        StalledReceiver stalled = null;
        try (WsClient publisher = connect(origin, ch, "k", "publish");
             WsClient onOrigin = connect(origin, ch, "k", "receive");
             WsClient onEdge = connect(edge, ch, "k", "receive")) {
            stalled = StalledReceiver.connect(edge, ch, "k");
            publisher.sendBinary(numbered(0, CHUNK));
            assertEquals(0, nextBinary(onOrigin).getInt());
            assertEquals(0, nextBinary(onEdge).getInt());
            assertTrue(stalled.awaitStalled(), "the stalled receiver got its first chunk");

            // Node 1's receiver and node 2's other receiver get every chunk.
            StalledReceiver.floodUntilCutOff(publisher, List.of(onOrigin, onEdge), CHUNK, MAX_CHUNKS,
                    () -> cutOff(edge) > cutOnEdge);
            assertEquals(cutOnOrigin, cutOff(origin), "the pull was never cut off on node 1");
            assertEquals(2, channelState(origin, ch).getInt("receivers"), "node 1's receiver and node 2's pull");

            stalled.release();
            CloseReason reason = stalled.awaitClose();
            assertEquals(LiveClose.RECEIVER_TOO_SLOW.reason(), reason.getReasonPhrase());
            assertEquals(List.of(LiveClose.RECEIVER_TOO_SLOW.errorMessage()), stalled.texts());
        } finally {
            if (stalled != null) {
                stalled.release();
                stalled.closeIfOpen();
            }
        }
    }

    /** The node's count of receivers cut off as too slow. */
    private static long cutOff(TestServer server) throws Exception {
        return listing(server).getJsonObject("figures").getJsonNumber("receiversDroppedTooSlow").longValue();
    }
}
