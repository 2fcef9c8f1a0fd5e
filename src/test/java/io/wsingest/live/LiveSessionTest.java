package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wsingest.live.LiveFixture.Client;
import io.wsingest.storage.Sha256;

/** The channel state machine: publishing, receiving, cache, probes, keys (open mode), ends, slow receivers. */
class LiveSessionTest {

    private final LiveFixture live = new LiveFixture();

    @Test
    void receiversGetTheSameChunksInOrder() {
        Client a = live.connect("cam/k1/receive");
        Client b = live.connect("cam/k1/receive");
        Client publisher = live.connect("cam/k1/publish");
        for (int i = 1; i <= 5; i++) {
            publisher.send("chunk" + i);
        }
        List<String> expected = List.of("chunk1", "chunk2", "chunk3", "chunk4", "chunk5");
        assertEquals(expected, a.peer().chunks());
        assertEquals(expected, b.peer().chunks());
        assertNull(publisher.peer().closed());
    }

    @Test
    void receiverWaitingForAPublisherJoinsWhenItArrives() {
        Client receiver = live.connect("cam/k1/receive");
        assertEquals(1, live.relay.figures().waitingReceivers());
        Client publisher = live.connect("cam/k1/publish");
        assertEquals(0, live.relay.figures().waitingReceivers());
        assertEquals(1, live.relay.figures().receivers());
        publisher.send("first");
        assertEquals(List.of("first"), receiver.peer().chunks());
    }

    @Test
    void lateReceiverGetsTheCacheThenLiveChunks() {
        Client publisher = live.connect("cam/k1/publish");
        publisher.send("a");
        publisher.send("b");
        Client late = live.connect("cam/k1/receive");
        assertEquals(List.of("a", "b"), late.peer().chunks(), "the cache, oldest first, on joining");
        publisher.send("c");
        assertEquals(List.of("a", "b", "c"), late.peer().chunks());
    }

    @Test
    void liveChunksArrivingWhileTheCacheIsQueuedComeAfterIt() {
        Client publisher = live.connect("cam/k1/publish");
        publisher.send("a");
        FakePeer peer = new FakePeer();
        LiveConnection connection = live.relay.connect("10.0.0.9", "cam", ConnectionKind.RECEIVE, peer, peer);
        LiveChannel channel = live.relay.existingChannel("cam");
        LiveReceiver receiver = new LiveReceiver(connection, channel, ConnectionKind.RECEIVE,
                Sha256.ofText("k1"), false, live.settings.receiverQueueBytes());
        LiveChannel.Attach attach = ((LiveChannel.Join.Attached) channel.join(receiver)).attach();
        // The publisher's thread gets in between the snapshot and its queueing.
        publisher.send("b");
        assertEquals(List.of(), peer.chunks(), "b waits for the snapshot");
        receiver.replay(attach.snapshot());
        publisher.send("c");
        assertEquals(List.of("a", "b", "c"), peer.chunks());
    }

    @Test
    void receiveClearCacheGetsTheCacheThenEmptiesItForTheRestOfTheStream() {
        Client publisher = live.connect("cam/k1/publish");
        publisher.send("a");
        publisher.send("b");
        Client clearing = live.connect("cam/k1/receive-clear-cache");
        assertEquals(List.of("a", "b"), clearing.peer().chunks());
        assertEquals(0, live.relay.channelState("cam").orElseThrow().cachedChunks());
        publisher.send("c");
        Client later = live.connect("cam/k1/receive");
        assertEquals(List.of(), later.peer().chunks(), "the cache stays off while this publisher streams");
        publisher.send("d");
        assertEquals(List.of("d"), later.peer().chunks());
        assertEquals(List.of("a", "b", "c", "d"), clearing.peer().chunks());
    }

    @Test
    void theNextStreamHasItsCacheAgain() {
        Client publisher = live.connect("cam/k1/publish");
        live.connect("cam/k1/receive-clear-cache");
        publisher.disconnect();
        Client next = live.connect("cam/k2/publish");
        next.send("x");
        Client late = live.connect("cam/k2/receive");
        assertEquals(List.of("x"), late.peer().chunks());
    }

    @Test
    void probeGetsTheOldestCachedChunkThenCloses() {
        Client publisher = live.connect("cam/k1/publish");
        publisher.send("a");
        publisher.send("b");
        Client probe = live.connect("cam/k1/probe");
        assertEquals(List.of("a"), probe.peer().chunks());
        assertEquals(LiveClose.PROBE_COMPLETE, probe.peer().closed());
        publisher.send("c");
        assertEquals(List.of("a"), probe.peer().chunks(), "exactly one chunk");
        assertEquals(0, live.relay.figures().receivers());
    }

    @Test
    void probeWithoutCacheGetsTheNextLiveChunk() {
        Client probe = live.connect("cam/k1/probe");
        Client publisher = live.connect("cam/k1/publish");
        assertNull(probe.peer().closed());
        publisher.send("a");
        publisher.send("b");
        assertEquals(List.of("a"), probe.peer().chunks());
        assertEquals(LiveClose.PROBE_COMPLETE, probe.peer().closed());
        assertEquals(0, live.relay.figures().receivers());
    }

    @Test
    void secondPublisherIsRefused() {
        live.connect("cam/k1/publish");
        Client second = live.connect("cam/k1/publish");
        assertEquals(List.of("ERROR: Channel is already being published"), second.peer().texts());
        assertEquals(LiveClose.CHANNEL_BUSY, second.peer().closed());
        assertEquals(1008, second.peer().closed().code());
    }

    @Test
    void receiverWithAnotherKeyIsRefused() {
        Client publisher = live.connect("cam/k1/publish");
        Client thief = live.connect("cam/k2/receive");
        publisher.send("a");
        assertEquals(List.of("ERROR: Invalid streaming key"), thief.peer().texts());
        assertEquals(List.of(), thief.peer().chunks());
        assertEquals(LiveClose.INVALID_STREAMING_KEY, thief.peer().closed());
    }

    @Test
    void waitingReceiverWithAnotherKeyIsRefusedWhenThePublisherArrives() {
        Client right = live.connect("cam/k1/receive");
        Client wrong = live.connect("cam/other/receive");
        live.connect("cam/k1/publish").send("a");
        assertEquals(List.of("a"), right.peer().chunks());
        assertEquals(List.of("ERROR: Invalid streaming key"), wrong.peer().texts());
        assertEquals(LiveClose.INVALID_STREAMING_KEY, wrong.peer().closed());
    }

    @Test
    void publisherCloseEndsEveryReceiverAfterItsQueuedChunks() {
        Client fast = live.connect("cam/k1/receive");
        Client behind = live.connect("cam/k1/receive");
        Client publisher = live.connect("cam/k1/publish");
        behind.peer().stall();
        publisher.send("a");
        publisher.send("b");
        publisher.disconnect();
        assertEquals(LiveClose.STREAM_ENDED, fast.peer().closed());
        assertNull(behind.peer().closed(), "b is still queued");
        behind.peer().resume();
        assertEquals(List.of("a", "b"), behind.peer().chunks());
        assertEquals(LiveClose.STREAM_ENDED, behind.peer().closed());
        assertEquals(1000, LiveClose.STREAM_ENDED.code());
        assertEquals(List.of(), fast.peer().texts(), "a normal end sends no error");
        assertEquals(List.of("started cam s1", "ended cam s1 in=2 out=4"), live.events);
    }

    @Test
    void receiversWaitAgainForTheNextPublisherOnlyIfTheyConnectAgain() {
        Client receiver = live.connect("cam/k1/receive");
        live.connect("cam/k1/publish").disconnect();
        assertEquals(LiveClose.STREAM_ENDED, receiver.peer().closed());
        receiver.disconnect();
        assertEquals(0, live.relay.figures().activeChannels(), "an unused channel is forgotten");
    }

    @Test
    void slowReceiverIsCutOffWhileTheOthersGetEveryChunk() {
        LiveFixture small = new LiveFixture(Map.of(
                LiveSettings.RECEIVER_QUEUE_BYTES, "64KiB", LiveSettings.MAX_CHUNK_BYTES, "16KiB"));
        Client good = small.connect("cam/k1/receive");
        Client slow = small.connect("cam/k1/receive");
        Client publisher = small.connect("cam/k1/publish");
        slow.peer().stall();
        String chunk = "x".repeat(10_000);
        for (int i = 0; i < 20; i++) {
            publisher.send(chunk);
        }
        assertEquals(20, good.peer().chunks().size());
        // One in flight, then at most 64 KiB (six chunks) waiting: the eighth did not fit.
        assertEquals(1, slow.peer().chunks().size(), "only the first went out before the peer stalled");
        assertEquals(1, small.relay.figures().receiversDroppedTooSlow());
        assertEquals(1, small.relay.figures().receivers(), "the slow one left the channel at once");
        assertEquals(List.of(), slow.peer().closes(), "its error waits for the message in flight");
        slow.peer().resume();
        assertEquals("ERROR: Receiver too slow", slow.peer().texts().get(slow.peer().texts().size() - 1));
        assertEquals(List.of(LiveClose.RECEIVER_TOO_SLOW), slow.peer().closes());
        assertEquals(1, small.relay.figures().receiversDroppedTooSlow());
        assertEquals(1, small.relay.figures().receivers(), "the slow one left the channel");
        publisher.send("after");
        assertEquals(21, good.peer().chunks().size());
        assertTrue(small.events.contains("cut off cam 10.0.0.1 RECEIVER_TOO_SLOW"), small.events.toString());
    }

    @Test
    void theCacheAReceiverStartsWithDoesNotCountAsLag() {
        LiveFixture small = new LiveFixture(Map.of(
                LiveSettings.RECEIVER_QUEUE_BYTES, "64KiB", LiveSettings.MAX_CHUNK_BYTES, "16KiB"));
        Client publisher = small.connect("cam/k1/publish");
        String chunk = "y".repeat(10_000);
        for (int i = 0; i < 30; i++) {
            publisher.send(chunk); // 300 KB cached, far more than the receiver queue
        }
        FakePeer peer = new FakePeer();
        peer.stall();
        LiveAdmission.Handler handler = small.admission.open("10.0.0.2", "cam", "k1", "receive", peer, peer);
        assertNull(peer.closed(), "the cache is its start, not its lag");
        for (int i = 0; i < 6; i++) {
            publisher.send(chunk); // 60 KB of live chunks behind the cache: within 64 KiB
        }
        assertTrue(peer.closes().isEmpty());
        publisher.send(chunk);
        peer.resume();
        assertEquals(List.of(LiveClose.RECEIVER_TOO_SLOW), peer.closes(), "the seventh live chunk is too many");
        handler.closed();
    }

    @Test
    void lagShrinksBackToTheQueueOnceTheCacheIsSent() {
        LiveFixture small = new LiveFixture(Map.of(
                LiveSettings.RECEIVER_QUEUE_BYTES, "64KiB", LiveSettings.MAX_CHUNK_BYTES, "16KiB"));
        Client publisher = small.connect("cam/k1/publish");
        String chunk = "z".repeat(10_000);
        for (int i = 0; i < 30; i++) {
            publisher.send(chunk);
        }
        Client receiver = small.connect("cam/k1/receive"); // reads the cache at once
        assertEquals(30, receiver.peer().chunks().size());
        receiver.peer().stall();
        for (int i = 0; i < 8; i++) {
            publisher.send(chunk);
        }
        receiver.peer().resume();
        assertEquals(List.of(LiveClose.RECEIVER_TOO_SLOW), receiver.peer().closes());
    }

    @Test
    void theContainersBufferIsCopiedOnce() {
        Client receiver = live.connect("cam/k1/receive");
        Client publisher = live.connect("cam/k1/publish");
        receiver.peer().stall();
        ByteBuffer reused = ByteBuffer.wrap("first".getBytes(StandardCharsets.UTF_8));
        publisher.handler().binary(reused, true);
        publisher.handler().binary(ByteBuffer.wrap("other".getBytes(StandardCharsets.UTF_8)), true);
        reused.clear();
        reused.put("XXXXX".getBytes(StandardCharsets.UTF_8)); // the container reuses its buffer
        receiver.peer().resume();
        Client late = live.connect("cam/k1/receive");
        assertEquals(List.of("first", "other"), receiver.peer().chunks());
        assertEquals(List.of("first", "other"), late.peer().chunks());
    }

    @Test
    void emptyChunksAreRelayedAsTheyCame() {
        Client receiver = live.connect("cam/k1/receive");
        Client publisher = live.connect("cam/k1/publish");
        publisher.send("");
        assertEquals(List.of(""), receiver.peer().chunks());
    }

    @Test
    void serverSendsHeartbeatsWhenDue() {
        LiveFixture beating = new LiveFixture(Map.of(LiveSettings.HEARTBEAT_SECONDS, "5"));
        Client receiver = beating.connect("cam/k1/receive");
        Client publisher = beating.connect("cam/k1/publish");
        beating.sweepAfter(Duration.ofSeconds(4));
        assertEquals(List.of(), receiver.peer().texts());
        beating.sweepAfter(Duration.ofSeconds(1));
        assertEquals(List.of("h"), receiver.peer().texts());
        assertEquals(List.of("h"), publisher.peer().texts());
        beating.sweepAfter(Duration.ofSeconds(1));
        assertEquals(List.of("h"), receiver.peer().texts(), "one per interval");
    }

    @Test
    void silentConnectionIsClosedAfterTheIdleTimeout() {
        LiveFixture idle = new LiveFixture(Map.of(LiveSettings.IDLE_TIMEOUT_SECONDS, "60"));
        Client silent = idle.connect("cam/k1/receive");
        Client beating = idle.connect("cam/k1/receive");
        Client publisher = idle.connect("cam/k1/publish");
        for (int i = 0; i < 7; i++) {
            idle.sweepAfter(Duration.ofSeconds(10));
            beating.heartbeat();
            publisher.send("data");
        }
        assertEquals(LiveClose.IDLE_TIMEOUT, silent.peer().closed());
        assertTrue(silent.peer().texts().contains("ERROR: Idle timeout"));
        assertNull(beating.peer().closed(), "its own heartbeats keep it alive");
        assertNull(publisher.peer().closed(), "data counts as a sign of life");
    }

    @Test
    void idleTimeoutZeroNeverCloses() {
        LiveFixture never = new LiveFixture(Map.of(LiveSettings.IDLE_TIMEOUT_SECONDS, "0"));
        Client silent = never.connect("cam/k1/receive");
        never.sweepAfter(Duration.ofDays(1));
        assertNull(silent.peer().closed());
    }

    @Test
    void connectionThatReadsNothingIsClosedWithoutItsQueueAfterTheGrace() {
        Client receiver = live.connect("cam/k1/receive");
        Client publisher = live.connect("cam/k1/publish");
        receiver.peer().stall();
        publisher.send("a");
        publisher.send("b");
        publisher.disconnect();
        live.sweepAfter(Duration.ofSeconds(30));
        assertEquals(List.of(), receiver.peer().closes());
        live.sweepAfter(Duration.ofSeconds(31));
        assertEquals(List.of(LiveClose.STREAM_ENDED), receiver.peer().closes(), "closed without waiting for b");
    }

    @Test
    void shutdownClosesEveryConnection() {
        Client receiver = live.connect("cam/k1/receive");
        Client publisher = live.connect("cam/k1/publish");
        live.relay.shutdown();
        assertEquals(LiveClose.SHUTDOWN, receiver.peer().closed());
        assertEquals(LiveClose.SHUTDOWN, publisher.peer().closed());
        assertEquals(1001, LiveClose.SHUTDOWN.code());
    }

    /** The defect: a publisher closed first ended its stream, and receivers not yet closed heard "Stream ended". */
    @Test
    void shutdownClosesReceiversBeforeThePublisherEndsTheirStream() {
        List<Client> receivers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            receivers.add(live.connect("cam/k1/receive"));
        }
        Client publisher = live.connect("cam/k1/publish");
        publisher.peer().reportsClosesAtOnce(publisher::disconnect);
        live.relay.shutdown();
        for (Client receiver : receivers) {
            assertEquals(List.of(LiveClose.SHUTDOWN), receiver.peer().closes());
        }
        assertEquals(List.of(LiveClose.SHUTDOWN), publisher.peer().closes());
    }

    @Test
    void figuresCountStreamsBytesAndConnections() {
        Client receiver = live.connect("cam/k1/receive");
        Client publisher = live.connect("cam/k1/publish");
        live.connect("other/k/receive");
        publisher.send("12345");
        LiveFigures figures = live.relay.figures();
        assertEquals(3, figures.connections());
        assertEquals(2, figures.activeChannels());
        assertEquals(1, figures.publishers());
        assertEquals(1, figures.receivers());
        assertEquals(1, figures.waitingReceivers());
        assertEquals(5, figures.bytesIn());
        assertEquals(5, figures.bytesOut());
        assertEquals(1, figures.streamsStarted());
        ChannelState cam = live.relay.channelState("cam").orElseThrow();
        assertTrue(cam.publishing());
        assertEquals("s1", cam.streamId());
        assertEquals("10.0.0.1", cam.publisher());
        assertEquals(5, cam.bytesIn());
        assertEquals(1, cam.cachedChunks());
        publisher.disconnect();
        receiver.disconnect();
        assertEquals(1, live.relay.figures().streamsEnded());
        assertEquals(1, live.relay.figures().activeChannels());
        assertFalse(live.relay.channelState("cam").isPresent());
    }

    @Test
    void bitRatesAreMeasuredOverEachRoundOfTheHeartbeatTask() {
        live.connect("cam/k1/receive");
        live.connect("cam/k1/receive");
        Client publisher = live.connect("cam/k1/publish");
        live.sweepAfter(Duration.ofSeconds(1));
        publisher.send("x".repeat(1000));
        live.sweepAfter(Duration.ofSeconds(2));
        ChannelState cam = live.relay.channelState("cam").orElseThrow();
        assertEquals(4000, cam.bitRateIn(), "1000 bytes in 2 s");
        assertEquals(8000, cam.bitRateOut(), "to two receivers");
        assertEquals(2, cam.receivers());
        live.sweepAfter(Duration.ofSeconds(1));
        assertEquals(0, live.relay.channelState("cam").orElseThrow().bitRateIn(), "nothing came in the last round");
    }

    @Test
    void manyReceiversEachGetEveryChunk() {
        List<Client> receivers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            receivers.add(live.connect("10.0.1." + i, "cam/k1/receive")); // each within the per-address limit
        }
        Client publisher = live.connect("cam/k1/publish");
        for (int i = 0; i < 50; i++) {
            publisher.send("c" + i);
        }
        for (Client receiver : receivers) {
            assertEquals(50, receiver.peer().chunks().size());
            assertEquals("c49", receiver.peer().chunks().get(49));
        }
        assertEquals(200L * (2 * 10 + 3 * 40), live.relay.figures().bytesOut());
    }
}
