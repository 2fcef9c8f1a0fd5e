package io.wsingest.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.wsingest.config.ConfigReader;

/** A relay and its admission with test settings, a clock the test moves, fake peers, and recorded events. */
final class LiveFixture {

    /** A connection made through admission: its fake client and its handler. */
    record Client(FakePeer peer, LiveAdmission.Handler handler) {
        void send(String chunk) {
            handler.binary(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)), true);
        }

        void heartbeat() {
            handler.text("h");
        }

        /** The client or the server closed the connection: the container reports it. */
        void disconnect() {
            handler.closed();
        }
    }

    static final long HEAP = 4L << 30;

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final List<String> events = new ArrayList<>();
    final LiveSettings settings;
    final LiveRelay relay;
    final LiveAdmission admission;
    private final AtomicInteger ids = new AtomicInteger();

    LiveFixture() {
        this(Map.of());
    }

    LiveFixture(Map<String, String> settings) {
        this(settings, KeyPolicy.open());
    }

    LiveFixture(Map<String, String> values, KeyPolicy policy) {
        this(values, policy, LiveAdmission.Cluster.SINGLE_NODE);
    }

    /** A node of a cluster, which {@code cluster} stands for. */
    LiveFixture(Map<String, String> values, LiveAdmission.Cluster cluster) {
        this(values, KeyPolicy.open(), cluster);
    }

    private LiveFixture(Map<String, String> values, KeyPolicy policy, LiveAdmission.Cluster cluster) {
        this.settings = settings(values);
        LiveRelay.Events recorder = new LiveRelay.Events() {
            @Override
            public synchronized void streamStarted(LiveRelay.LiveStreamInfo stream) {
                events.add("started " + stream.channel() + " " + stream.streamId());
            }

            @Override
            public synchronized void streamEnded(LiveRelay.LiveStreamInfo stream, Duration duration) {
                events.add("ended " + stream.channel() + " " + stream.streamId() + " in=" + stream.bytesIn()
                        + " out=" + stream.bytesOut());
            }

            @Override
            public synchronized void refused(String channel, ConnectionKind kind, String address, LiveRefusal r) {
                events.add("refused " + channel + " " + address + " " + r.close());
            }

            @Override
            public synchronized void cutOff(String channel, ConnectionKind kind, String address, LiveClose why) {
                events.add("cut off " + channel + " " + address + " " + why);
            }
        };
        this.relay = new LiveRelay(this.settings.gopCacheBytes(), this.settings.gopCacheBudgetBytes(),
                this.settings.maxChannels(), this.settings.receiverQueueBytes(),
                Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), nanos::get, recorder);
        this.admission = new LiveAdmission(this.settings, policy, relay, recorder, () -> "s" + ids.incrementAndGet(),
                cluster);
    }

    /** The settings with a 4 GiB heap (a budget of 1 GiB by default), whatever the test JVM has. */
    static LiveSettings settings(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        return LiveSettings.from(new ConfigReader(key -> Optional.ofNullable(all.get(key))), HEAP);
    }

    Client connect(String path) {
        return connect("10.0.0.1", path);
    }

    Client connect(String address, String path) {
        String[] parts = path.split("/", -1);
        FakePeer peer = new FakePeer();
        LiveAdmission.Handler handler = admission.open(address, parts[0], parts[1], parts[2], peer, peer);
        return new Client(peer, handler);
    }

    /** Another node pulls the channel's stream, with the cluster's token for it or not. */
    Client pull(String channel, String streamId, boolean authorized) {
        FakePeer peer = new FakePeer();
        return new Client(peer, admission.openPull("10.0.0.9", channel, streamId, authorized, peer, peer));
    }

    /** Lets the heartbeat task run after {@code elapsed}. */
    void sweepAfter(Duration elapsed) {
        nanos.addAndGet(elapsed.toNanos());
        relay.sweep(settings.heartbeat(), settings.idleTimeout());
    }

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
