package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import io.wsingest.live.LiveFixture.Client;
import io.wsingest.relay.ChannelBusyException;
import io.wsingest.relay.Publication;
import io.wsingest.storage.Sha256;

/** Admission: path validation, the per-address limit, the receive whitelist, key modes, internal publications. */
class LiveAdmissionTest {

    @Test
    void invalidChannelIsRefusedWithItsError() {
        LiveFixture live = new LiveFixture();
        for (String channel : List.of("Cam", "cam.1", "", "ca m", "x".repeat(129))) {
            Client client = live.connect(channel + "/k/receive");
            assertEquals(List.of("ERROR: Invalid channel"), client.peer().texts(), channel);
            assertEquals(LiveClose.INVALID_CHANNEL, client.peer().closed());
        }
    }

    @Test
    void invalidKeyAndKindAreRefusedWithTheirErrors() {
        LiveFixture live = new LiveFixture();
        assertEquals(List.of("ERROR: Invalid key"), live.connect("cam/Key/receive").peer().texts());
        assertEquals(List.of("ERROR: Invalid connection kind"), live.connect("cam/k/upload").peer().texts());
        assertEquals(List.of("ERROR: Invalid connection kind"), live.connect("cam/k/Publish").peer().texts());
        assertEquals(0, live.relay.figures().activeChannels());
    }

    @Test
    void nameLengthIsASetting() {
        LiveFixture live = new LiveFixture(Map.of(LiveSettings.MAX_NAME_LENGTH, "4"));
        assertEquals(List.of(), live.connect("abcd/k/receive").peer().texts());
        assertEquals(List.of("ERROR: Invalid channel"), live.connect("abcde/k/receive").peer().texts());
        assertEquals(List.of("ERROR: Invalid key"), live.connect("abcd/kkkkk/receive").peer().texts());
    }

    @Test
    void perAddressLimitRefusesAndReleasesOnClose() {
        LiveFixture live = new LiveFixture(Map.of(LiveSettings.MAX_CONNECTIONS_PER_IP, "2"));
        Client first = live.connect("10.0.0.1", "a/k/publish");
        live.connect("10.0.0.1", "b/k/receive");
        Client third = live.connect("10.0.0.1", "c/k/receive");
        assertEquals(List.of("ERROR: Too many connections"), third.peer().texts());
        assertEquals(LiveClose.TOO_MANY_CONNECTIONS, third.peer().closed());
        assertNull(live.connect("10.0.0.2", "c/k/receive").peer().closed(), "another address has its own count");
        third.disconnect();
        first.disconnect();
        assertNull(live.connect("10.0.0.1", "d/k/receive").peer().closed(), "a closed connection gives its place back");
    }

    @Test
    void exemptAddressesHaveNoLimit() {
        LiveFixture live = new LiveFixture(Map.of(LiveSettings.MAX_CONNECTIONS_PER_IP, "1",
                LiveSettings.CONNECTION_LIMIT_EXEMPT, "10.1.0.0/16, ::1"));
        for (int i = 0; i < 5; i++) {
            assertNull(live.connect("10.1.2.3", "c" + i + "/k/receive").peer().closed());
            assertNull(live.connect("0:0:0:0:0:0:0:1", "d" + i + "/k/receive").peer().closed());
        }
        live.connect("10.2.0.1", "e/k/receive");
        assertEquals(LiveClose.TOO_MANY_CONNECTIONS, live.connect("10.2.0.1", "f/k/receive").peer().closed());
    }

    @Test
    void theDefaultPerAddressLimitIsOn() {
        LiveFixture live = new LiveFixture();
        for (int i = 0; i < 64; i++) {
            assertNull(live.connect("10.3.0.1", "c/k/receive").peer().closed());
        }
        assertEquals(LiveClose.TOO_MANY_CONNECTIONS, live.connect("10.3.0.1", "c/k/receive").peer().closed());
    }

    @Test
    void aConnectionThatWouldOpenOneChannelTooManyIsRefused() throws Exception {
        LiveFixture live = new LiveFixture(Map.of(LiveSettings.MAX_CHANNELS, "2"));
        Client waiting = live.connect("a/k/receive");
        live.connect("b/k/publish");
        Client receiver = live.connect("c/k/receive");
        assertEquals(List.of("ERROR: Too many channels"), receiver.peer().texts());
        assertEquals(LiveClose.TOO_MANY_CHANNELS, receiver.peer().closed());
        assertEquals(LiveClose.TOO_MANY_CHANNELS, live.connect("d/k/publish").peer().closed());
        assertTrue(live.events.contains("refused d 10.0.0.1 TOO_MANY_CHANNELS"), live.events.toString());

        assertNull(live.connect("a/k/publish").peer().closed(), "an existing channel takes a publisher");
        assertNull(live.connect("b/k/receive").peer().closed(), "and receivers");
        try (Publication upload = live.admission.publishInternally("project-1", "upload", null)) {
            assertEquals(3, live.relay.figures().activeChannels(), "an upload's stream is not an outsider's flood");
        }
        waiting.disconnect();
        assertEquals(LiveClose.TOO_MANY_CHANNELS, live.connect("e/k/receive").peer().closed(),
                "a still has its publisher");
    }

    @Test
    void aRetiredChannelGivesItsPlaceBack() {
        LiveFixture live = new LiveFixture(Map.of(LiveSettings.MAX_CHANNELS, "1"));
        Client first = live.connect("a/k/receive");
        assertEquals(LiveClose.TOO_MANY_CHANNELS, live.connect("b/k/receive").peer().closed());
        first.disconnect();
        assertNull(live.connect("b/k/receive").peer().closed());
    }

    @Test
    void outsidePublishersCannotTakeAProjectChannelButMayWatchIt() throws Exception {
        LiveFixture live = new LiveFixture();
        Client squatter = live.connect("project-xyz/k/publish");
        assertEquals(List.of("ERROR: Channel is reserved"), squatter.peer().texts());
        assertEquals(LiveClose.RESERVED_CHANNEL, squatter.peer().closed());
        Client watcher = live.connect("project-xyz/k/receive");
        assertNull(watcher.peer().closed(), "it waits for the upload");
        try (Publication upload = live.admission.publishInternally("project-xyz", "upload", Sha256.ofText("k"))) {
            upload.send(ByteBuffer.wrap("frame".getBytes(StandardCharsets.UTF_8)));
            assertEquals(List.of("frame"), watcher.peer().chunks());
        }
        assertNull(live.connect("projects/k/publish").peer().closed(), "only the prefix with its dash is reserved");
    }

    @Test
    void aChunkLargerThanTheMaximumGetsItsErrorAndEndsTheStream() {
        LiveFixture live = new LiveFixture(Map.of(LiveSettings.MAX_CHUNK_BYTES, "4KiB"));
        Client receiver = live.connect("cam/k/receive");
        Client publisher = live.connect("cam/k/publish");
        publisher.handler().binary(ByteBuffer.allocate(4096), true);
        publisher.handler().binary(ByteBuffer.allocate(3000), false);
        publisher.handler().binary(ByteBuffer.allocate(3000), false);
        publisher.handler().binary(ByteBuffer.allocate(3000), true); // the rest of the message is ignored
        assertEquals(List.of("ERROR: Chunk too large"), publisher.peer().texts());
        assertEquals(LiveClose.CHUNK_TOO_LARGE, publisher.peer().closed());
        assertEquals(1, receiver.peer().binaries().size(), "only the chunk of the maximum size went out");
        assertTrue(live.events.contains("cut off cam 10.0.0.1 CHUNK_TOO_LARGE"), live.events.toString());
        publisher.disconnect();
        assertEquals(LiveClose.STREAM_ENDED, receiver.peer().closed());
    }

    @Test
    void receiveWhitelistRefusesOtherReceiversButNotPublishers() {
        LiveFixture live = new LiveFixture(Map.of(LiveSettings.RECEIVE_WHITELIST, "192.168.0.0/16,fd00::/8"));
        assertNull(live.connect("192.168.4.2", "cam/k/receive").peer().closed());
        assertNull(live.connect("fd12::7", "cam/k/probe").peer().closed());
        Client outsider = live.connect("10.0.0.1", "cam/k/receive");
        assertEquals(List.of("ERROR: Not allowed to receive"), outsider.peer().texts());
        assertEquals(LiveClose.NOT_ALLOWED_TO_RECEIVE, live.connect("10.0.0.1", "cam/k/probe").peer().closed());
        assertEquals(LiveClose.NOT_ALLOWED_TO_RECEIVE, live.connect(null, "cam/k/receive").peer().closed(),
                "an unknown address is not on the list");
        assertNull(live.connect("10.0.0.1", "cam/k/publish").peer().closed());
    }

    @Test
    void staticKeysLetOnlyTheStoredKeyPublishAndReceive() {
        MapKeyStore store = new MapKeyStore();
        store.put("cam", "secret");
        LiveFixture live = new LiveFixture(Map.of(LiveSettings.KEY_MODE, "static"), new StaticKeyPolicy(store));
        assertEquals(List.of("ERROR: Invalid streaming key"), live.connect("cam/guess/publish").peer().texts());
        assertEquals(LiveClose.INVALID_STREAMING_KEY, live.connect("cam/guess/receive").peer().closed());
        assertEquals(LiveClose.INVALID_STREAMING_KEY, live.connect("nokey/secret/publish").peer().closed(),
                "a channel without a stored key refuses everyone");
        Client waiting = live.connect("cam/secret/receive");
        Client publisher = live.connect("cam/secret/publish");
        publisher.send("a");
        assertEquals(List.of("a"), waiting.peer().chunks());
        assertEquals(List.of("a"), live.connect("cam/secret/receive").peer().chunks());
    }

    @Test
    void staticKeyChangedDuringAStreamAppliesToNewConnections() {
        MapKeyStore store = new MapKeyStore();
        store.put("cam", "old");
        LiveFixture live = new LiveFixture(Map.of(LiveSettings.KEY_MODE, "static"), new StaticKeyPolicy(store));
        Client publisher = live.connect("cam/old/publish");
        store.put("cam", "new");
        Client receiver = live.connect("cam/new/receive");
        publisher.send("a");
        assertEquals(List.of("a"), receiver.peer().chunks(), "checked against the store, not the publisher");
        assertEquals(LiveClose.INVALID_STREAMING_KEY, live.connect("cam/old/receive").peer().closed());
    }

    @Test
    void failingKeyStoreRefusesWithAnInternalError() {
        KeyStore broken = channel -> {
            throw new IllegalStateException("database down");
        };
        LiveFixture live = new LiveFixture(Map.of(LiveSettings.KEY_MODE, "static"), new StaticKeyPolicy(broken));
        Client client = live.connect("cam/k/publish");
        assertEquals(List.of("ERROR: Internal error"), client.peer().texts());
        assertEquals(1011, client.peer().closed().code());
    }

    @Test
    void callbackAcceptsAPublisherWithTheCoordinatorsStreamId() {
        FakeCallback coordinator = new FakeCallback(200, "{\"stream_id\":\"evt-42\"}");
        LiveFixture live = callbackFixture(coordinator);
        Client publisher = live.connect("10.0.0.7", "cam/k1/publish");
        assertNull(publisher.peer().closed());
        assertEquals(List.of("{\"channel\":\"cam\",\"key\":\"k1\",\"kind\":\"publish\",\"address\":\"10.0.0.7\"}"),
                coordinator.bodies);
        assertEquals("evt-42", live.relay.channelState("cam").orElseThrow().streamId());
        assertTrue(live.events.contains("started cam evt-42"));
    }

    @Test
    void callbackReceiversMustPresentTheAcceptedPublishersKey() {
        FakeCallback coordinator = new FakeCallback(204, "");
        LiveFixture live = callbackFixture(coordinator);
        Client publisher = live.connect("cam/k1/publish");
        Client good = live.connect("cam/k1/receive");
        Client bad = live.connect("cam/k2/receive");
        publisher.send("a");
        assertEquals(List.of("a"), good.peer().chunks());
        assertEquals(LiveClose.INVALID_STREAMING_KEY, bad.peer().closed());
        assertEquals(1, coordinator.bodies.size(), "receivers are not put to the coordinator");
        assertEquals("s1", live.relay.channelState("cam").orElseThrow().streamId(), "no stream_id: generated");
    }

    @Test
    void callbackRefusalTimeoutAndErrorsRefuse() {
        for (FakeCallback coordinator : List.of(new FakeCallback(403, "no"), new FakeCallback(500, ""),
                new FakeCallback(302, ""), FakeCallback.failing(new java.net.http.HttpTimeoutException("timed out")),
                FakeCallback.failing(new java.net.ConnectException("refused")))) {
            LiveFixture live = callbackFixture(coordinator);
            Client publisher = live.connect("cam/k1/publish");
            assertEquals(List.of("ERROR: Invalid streaming key"), publisher.peer().texts());
            assertEquals(0, live.relay.figures().publishers());
        }
    }

    @Test
    void busyChannelIsRefusedBeforeTheCoordinatorIsAsked() {
        FakeCallback coordinator = new FakeCallback(200, "");
        LiveFixture live = callbackFixture(coordinator);
        live.connect("cam/k1/publish");
        assertEquals(LiveClose.CHANNEL_BUSY, live.connect("cam/k1/publish").peer().closed());
        assertEquals(1, coordinator.bodies.size());
    }

    @Test
    void internalPublicationFeedsReceiversThatPresentTheChannelsKey() throws Exception {
        LiveFixture live = new LiveFixture();
        Client waiting = live.connect("project-7/stored/receive");
        Client wrong = live.connect("project-7/guess/receive");
        try (Publication publication = live.admission.publishInternally("project-7", "upload 3 by alice",
                Sha256.ofText("stored"))) {
            assertEquals("project-7", publication.channel());
            ByteBuffer reused = ByteBuffer.wrap("part1".getBytes(StandardCharsets.UTF_8));
            publication.send(reused);
            reused.clear();
            reused.put("XXXXX".getBytes(StandardCharsets.UTF_8));
            publication.send(ByteBuffer.wrap("part2".getBytes(StandardCharsets.UTF_8)));
            assertEquals(List.of("part1", "part2"), waiting.peer().chunks(), "each chunk was copied");
            assertEquals(LiveClose.INVALID_STREAMING_KEY, wrong.peer().closed());
            Client late = live.connect("project-7/stored/receive");
            assertEquals(List.of("part1", "part2"), late.peer().chunks(), "the same cache as any stream");
            assertEquals("upload 3 by alice", live.relay.channelState("project-7").orElseThrow().publisher());
            assertThrows(ChannelBusyException.class,
                    () -> live.admission.publishInternally("project-7", "another upload", null));
            assertEquals(LiveClose.RESERVED_CHANNEL, live.connect("project-7/stored/publish").peer().closed());
        }
        assertEquals(LiveClose.STREAM_ENDED, waiting.peer().closed());
        assertTrue(live.events.contains("ended project-7 s1 in=10 out=20"), live.events.toString());
    }

    @Test
    void internalPublicationWithoutAKeyLetsOnlyVerifiedReceiversIn() throws Exception {
        LiveFixture open = new LiveFixture();
        try (Publication publication = open.admission.publishInternally("project-8", "upload", null)) {
            assertEquals(LiveClose.INVALID_STREAMING_KEY, open.connect("project-8/any/receive").peer().closed());
        }
        MapKeyStore store = new MapKeyStore();
        store.put("project-9", "stored");
        LiveFixture fixed = new LiveFixture(Map.of(LiveSettings.KEY_MODE, "static"), new StaticKeyPolicy(store));
        try (Publication publication = fixed.admission.publishInternally("project-9", "upload", null)) {
            Client receiver = fixed.connect("project-9/stored/receive");
            publication.send(LiveFixture.bytes("x"));
            assertEquals(List.of("x"), receiver.peer().chunks());
        }
    }

    @Test
    void closedPublicationRefusesChunksAndClosesOnce() throws Exception {
        LiveFixture live = new LiveFixture();
        Publication publication = live.admission.publishInternally("cam", "test", null);
        publication.close();
        publication.close();
        assertThrows(IllegalStateException.class, () -> publication.send(LiveFixture.bytes("late")));
        assertEquals(1, live.relay.figures().streamsEnded());
        Publication again = live.admission.publishInternally("cam", "test", null);
        assertTrue(live.relay.channelState("cam").orElseThrow().publishing(), "the channel is free after a close");
        again.close();
    }

    @Test
    void internalPublicationNeedsAValidChannelName() {
        LiveFixture live = new LiveFixture();
        assertThrows(IllegalArgumentException.class, () -> live.admission.publishInternally("Project 7", "x", null));
    }

    @Test
    void messagesOfARefusedConnectionAreIgnored() {
        LiveFixture live = new LiveFixture();
        Client refused = live.connect("Bad/k/publish");
        refused.send("data");
        refused.disconnect();
        refused.disconnect();
        assertEquals(0, live.relay.figures().connections());
        assertEquals(0, live.relay.figures().bytesIn());
    }

    private static LiveFixture callbackFixture(FakeCallback coordinator) {
        return new LiveFixture(Map.of(LiveSettings.KEY_MODE, "callback",
                LiveSettings.CALLBACK_URL, "http://coordinator.example/publish"),
                new CallbackKeyPolicy(java.net.URI.create("http://coordinator.example/publish"),
                        java.time.Duration.ofSeconds(2), coordinator));
    }

    /** Static keys in a map, as hashes like the database keeps them. */
    static final class MapKeyStore implements KeyStore {
        private final Map<String, byte[]> hashes = new ConcurrentHashMap<>();

        void put(String channel, String key) {
            hashes.put(channel, Sha256.ofText(key));
        }

        @Override
        public Optional<byte[]> keyHash(String channel) {
            return Optional.ofNullable(hashes.get(channel));
        }
    }

    /** A coordinator that answers every request the same way, or fails. */
    static final class FakeCallback implements CallbackClient {
        final List<String> bodies = new ArrayList<>();
        private final int status;
        private final String body;
        private final java.io.IOException failure;

        FakeCallback(int status, String body) {
            this(status, body, null);
        }

        private FakeCallback(int status, String body, java.io.IOException failure) {
            this.status = status;
            this.body = body;
            this.failure = failure;
        }

        static FakeCallback failing(java.io.IOException failure) {
            return new FakeCallback(0, null, failure);
        }

        @Override
        public synchronized Response post(java.net.URI url, String json, java.time.Duration timeout)
                throws java.io.IOException {
            bodies.add(json);
            if (failure != null) {
                throw failure;
            }
            return new Response(status, body);
        }
    }
}
