package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wsingest.live.LiveFixture.Client;
import io.wsingest.relay.ChannelBusyException;
import io.wsingest.relay.Publication;

/**
 * Admission on a node of a cluster: one publisher per channel in the whole cluster (a shared directory stands in for
 * the database), and the pulls of other nodes.
 */
class LiveClusterAdmissionTest {

    /** The cluster's directory as every node sees it: channel → the node and stream that hold it. */
    private static final class Directory {
        final Map<String, String> holders = new HashMap<>();
        final List<String> waiting = new ArrayList<>();

        /** One node's view of the directory. */
        LiveAdmission.Cluster node(String name) {
            return new LiveAdmission.Cluster() {
                @Override
                public boolean publishedElsewhere(String channel) {
                    String holder = holders.get(channel);
                    return holder != null && !holder.startsWith(name + " ");
                }

                @Override
                public boolean claim(String channel, String streamId, byte[] receiverKeyHash) {
                    return holders.putIfAbsent(channel, name + " " + streamId) == null;
                }

                @Override
                public void release(String channel, String streamId) {
                    holders.remove(channel, name + " " + streamId);
                }

                @Override
                public void receiverWaiting(String channel) {
                    waiting.add(name + " " + channel);
                }
            };
        }
    }

    private final Directory directory = new Directory();
    private final LiveFixture node1 = new LiveFixture(Map.of(), directory.node("node1"));
    private final LiveFixture node2 = new LiveFixture(Map.of(), directory.node("node2"));

    @Test
    void aPublisherOnAnotherNodeKeepsTheChannelBusy() {
        Client publisher = node1.connect("cam/k/publish");
        assertNull(publisher.peer().closed());
        assertEquals("node1 s1", directory.holders.get("cam"), "the stream is entered under its id");

        Client second = node2.connect("cam/k/publish");
        assertEquals(List.of("ERROR: Channel is already being published"), second.peer().texts());
        assertEquals(LiveClose.CHANNEL_BUSY, second.peer().closed());
    }

    @Test
    void theEndOfTheStreamFreesTheChannelInTheCluster() {
        node1.connect("cam/k/publish").disconnect();
        assertNull(directory.holders.get("cam"));
        assertNull(node2.connect("cam/k/publish").peer().closed(), "another node may publish now");
    }

    @Test
    void aPublisherTheRelayRefusesLeavesNoEntry() {
        LiveFixture full = new LiveFixture(Map.of(LiveSettings.MAX_CHANNELS, "1"), directory.node("node3"));
        full.connect("other/k/receive");
        assertEquals(LiveClose.TOO_MANY_CHANNELS, full.connect("cam/k/publish").peer().closed());
        assertNull(directory.holders.get("cam"), "its entry went with it");
    }

    @Test
    void aWaitingReceiverIsReportedSoThatTheNodeMayPull() {
        node2.connect("cam/k/receive");
        assertEquals(List.of("node2 cam"), directory.waiting);
        node1.connect("cam/k/publish");
        node1.connect("cam/k/receive");
        assertEquals(List.of("node2 cam"), directory.waiting, "a receiver of a stream here waits for nothing");
    }

    @Test
    void internalPublicationsHoldTheChannelInTheCluster() throws Exception {
        try (Publication upload = node1.admission.publishInternally("project-7", "upload 1", null)) {
            assertEquals("node1 s1", directory.holders.get("project-7"));
            assertThrows(ChannelBusyException.class, () -> node2.admission.publishInternally("project-7", "x", null));
        }
        assertNull(directory.holders.get("project-7"));
    }

    @Test
    void aPullWithoutTheTokenIsRefused() {
        node1.connect("cam/k/publish");
        Client pull = node1.pull("cam", "s1", false);
        assertEquals(List.of("ERROR: Not a cluster node"), pull.peer().texts());
        assertEquals(LiveClose.NOT_A_CLUSTER_NODE, pull.peer().closed());
    }

    @Test
    void aPullOfAStreamThatIsNotCurrentEndsAtOnce() {
        Client pull = node1.pull("cam", "s1", true);
        assertEquals(LiveClose.STREAM_ENDED, pull.peer().closed(), "no channel");

        node1.connect("cam/k/publish");
        Client old = node1.pull("cam", "s0", true);
        assertEquals(List.of(), old.peer().chunks());
        assertEquals(LiveClose.STREAM_ENDED, old.peer().closed(), "another stream");
    }

    @Test
    void aPullGetsTheCacheThenLiveChunksAsOneReceiverWhateverItsKey() {
        Client publisher = node1.connect("cam/k/publish");
        publisher.send("c1");
        publisher.send("c2");
        Client pull = node1.pull("cam", "s1", true);
        publisher.send("c3");
        assertEquals(List.of("bin:c1", "bin:c2", EdgePull.LIVE_FROM_HERE, "bin:c3"), pull.peer().transcript(),
                "the cache, where live chunks begin, then live chunks");
        assertEquals(1, node1.relay.channelState("cam").orElseThrow().receivers());

        publisher.disconnect();
        assertEquals(LiveClose.STREAM_ENDED, pull.peer().closed());
    }
}
