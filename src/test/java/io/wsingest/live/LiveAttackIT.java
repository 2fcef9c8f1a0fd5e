package io.wsingest.live;

import static io.wsingest.live.LiveClients.assertRefused;
import static io.wsingest.live.LiveClients.channel;
import static io.wsingest.live.LiveClients.channelState;
import static io.wsingest.live.LiveClients.chunk;
import static io.wsingest.live.LiveClients.connect;
import static io.wsingest.live.LiveClients.listing;
import static io.wsingest.live.LiveClients.nextBinary;
import static io.wsingest.live.LiveClients.nextChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Bystander;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.RawWebSocket;
import io.wsingest.testing.ServerLog;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;

/**
 * Hostile traffic on protocol E against the server's default settings (the test server has a 768 MiB heap), one
 * test per attack. Each checks the attacker's documented refusal and, while the attack is under way, that a
 * {@link Bystander} is still served by every protocol. Flooding clients on loopback take addresses of their own
 * ({@code 127.0.x.y}), which the server tells apart as it would tell apart hosts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class LiveAttackIT {

    private static final int MIB = 1 << 20;

    /** {@code wsingest.live.max-channels} and {@code max-connections-per-ip} by default. */
    private static final int MAX_CHANNELS = 1000;
    private static final int MAX_PER_ADDRESS = 64;

    /**
     * The budget fixed at what the 768 MiB WildFly test server has by default (a quarter of its heap), so that every
     * flood meets the same budget on both servers: the Payara test server has a larger heap.
     */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings("wsingest.live.gop-cache-budget-bytes=192MiB");
    }

    @ArquillianResource
    URL url;

    /**
     * The defect that opened issue 14: 28 anonymous publishers on 28 new channels, 4 MiB chunks, together twice the
     * heap. The caches stay within the budget (the figure is sampled during the flood), publishers keep publishing,
     * nobody else notices, and no OutOfMemoryError reaches the log.
     */
    @Test
    void aCacheFloodStaysWithinTheBudget() throws Exception {
        TestServer server = new TestServer(url);
        ServerLog log = ServerLog.mark();
        long budget = figures(server).getJsonNumber("cacheBudgetBytes").longValueExact();
        long trimmedBefore = figures(server).getJsonNumber("cacheBytesTrimmed").longValueExact();
        int publishers = 28;
        int leastChunks = 14; // 28 x 14 x 4 MiB = 1.53 GiB
        byte[] data = new byte[4 * MIB];
        new Random(14).nextBytes(data);

        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        CountDownLatch allPublishing = new CountDownLatch(publishers);
        AtomicBoolean bystanderDone = new AtomicBoolean();
        long peak;
        try (CacheSampler sampler = new CacheSampler(server)) {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                String ch = channel("flood" + p);
                sent.add(pool.submit(() -> {
                    int chunks = 0;
                    try (WsClient publisher = connect(server, ch, "k", "publish")) {
                        // At least its share, and on until the bystander is through: the flood outlasts the check.
                        while ((chunks < leastChunks || !bystanderDone.get()) && chunks < 200) {
                            publisher.sendBinary(ByteBuffer.wrap(data));
                            if (++chunks == 1) {
                                allPublishing.countDown();
                            }
                        }
                        assertTrue(publisher.isOpen(), "a publisher is never cut off by the budget");
                        return chunks;
                    } finally {
                        if (chunks == 0) {
                            allPublishing.countDown(); // a failed publisher must not hold the others up
                        }
                    }
                }));
            }
            assertTrue(allPublishing.await(WsClient.WAIT.toSeconds(), TimeUnit.SECONDS), "every publisher started");
            try {
                new Bystander(server).assertUnharmed();
            } finally {
                bystanderDone.set(true);
            }
            long chunks = 0;
            for (Future<Integer> f : sent) {
                chunks += f.get(5, TimeUnit.MINUTES);
            }
            assertTrue(chunks * data.length >= 3L * (1 << 29), "the flood sent " + chunks + " chunks of 4 MiB");
            peak = sampler.stop();
            // For docs/reliability.md: what the flood made of the caches.
            System.out.println("Cache flood: " + sampler.samples + " samples, peak " + peak + " of a budget of "
                    + budget + " bytes");
        } finally {
            pool.shutdownNow();
        }
        assertTrue(peak <= budget, "the caches held " + peak + " bytes; the budget is " + budget);
        assertTrue(figures(server).getJsonNumber("cacheBytesTrimmed").longValueExact() > trimmedBefore,
                "the flood spent the budget and the largest caches were trimmed");
        log.assertNoOutOfMemoryError();
    }

    /**
     * Waiting receivers on made-up channels, from many addresses (each within its own limit), until the relay has
     * its maximum of channels: one more is refused with {@code ERROR: Too many channels}. A stream already on the air
     * goes on untouched; at the maximum nobody can open a new channel (that is the limit), so the bystander takes
     * the one place the flood gives back while the rest of it stays connected.
     */
    @Test
    void aChannelFloodIsRefusedAtTheMaximum() throws Exception {
        TestServer server = new TestServer(url);
        awaitActiveChannels(server, 0); // what earlier tests closed is gone, so the count below holds
        String victimChannel = channel("onair");
        List<RawWebSocket> flood = new ArrayList<>();
        try (WsClient receiver = connect(server, victimChannel, "k", "receive");
             WsClient publisher = connect(server, victimChannel, "k", "publish")) {
            publisher.sendBinary(chunk("before"));
            assertEquals("before", nextChunk(receiver));

            int existing = figures(server).getInt("activeChannels");
            String run = channel("many");
            for (int i = 0; existing + i < MAX_CHANNELS; i++) {
                flood.add(RawWebSocket.connectFrom(loopback(2 + i / (MAX_PER_ADDRESS - 4), 1),
                        server.ws(run + "-" + i + "/k/receive")));
            }
            // The handshake's answer can reach the client before the server has opened the connection's channel.
            awaitActiveChannels(server, MAX_CHANNELS);

            try (RawWebSocket oneMore = RawWebSocket.connectFrom(loopback(250, 1), server.ws(run + "-x/k/receive"))) {
                assertEquals(LiveClose.TOO_MANY_CHANNELS.errorMessage(), oneMore.awaitText());
                assertEquals(LiveClose.TOO_MANY_CHANNELS.code(), oneMore.awaitClose().getCloseCode().getCode());
            }
            try (WsClient publisherToo = connect(server, run + "-y", "k", "publish")) {
                assertRefused(publisherToo, LiveClose.TOO_MANY_CHANNELS);
            }
            assertEquals(MAX_CHANNELS, figures(server).getInt("activeChannels"), "never one more");

            publisher.sendBinary(chunk("during"));
            assertEquals("during", nextChunk(receiver), "the stream on the air goes on");
            try (WsClient late = connect(server, victimChannel, "k", "receive")) {
                assertEquals("before", nextChunk(late), "an existing channel takes new receivers");
            }

            flood.remove(0).close();
            awaitActiveChannels(server, MAX_CHANNELS - 1);
            new Bystander(server).assertUnharmed();
        } finally {
            for (RawWebSocket ws : flood) {
                ws.close();
            }
        }
    }

    /** One address opens connection after connection: past its limit it is refused; other addresses are served. */
    @Test
    void aConnectionFloodFromOneAddressIsRefusedPastItsLimit() throws Exception {
        TestServer server = new TestServer(url);
        InetAddress attacker = loopback(1, 2);
        String ch = channel("crowd");
        List<RawWebSocket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_PER_ADDRESS; i++) {
                flood.add(RawWebSocket.connectFrom(attacker, server.ws(ch + "/k/receive")));
            }
            AtomicLong refused = new AtomicLong();
            int rounds = whileTheBystanderRuns(server, () -> {
                try (RawWebSocket more = RawWebSocket.connectFrom(attacker, server.ws(ch + "/k/receive"))) {
                    assertEquals(LiveClose.TOO_MANY_CONNECTIONS.errorMessage(), more.awaitText());
                    assertEquals(LiveClose.TOO_MANY_CONNECTIONS.code(), more.awaitClose().getCloseCode().getCode());
                    refused.incrementAndGet();
                }
            });
            assertEquals(rounds, refused.get());
            assertEquals(MAX_PER_ADDRESS, channelState(server, ch).getInt("waitingReceivers"));
        } finally {
            for (RawWebSocket ws : flood) {
                ws.close();
            }
        }
    }

    /**
     * Chunks larger than {@code max-chunk-bytes} (4 MiB): the publisher hears why before the close, the server holds
     * no more than the maximum of it, and a chunk of exactly the maximum still goes through.
     */
    @Test
    void anOversizedChunkGetsItsErrorBeforeTheClose() throws Exception {
        TestServer server = new TestServer(url);
        String ok = channel("max");
        try (WsClient receiver = connect(server, ok, "k", "receive");
             WsClient publisher = connect(server, ok, "k", "publish")) {
            publisher.sendBinary(ByteBuffer.allocate(4 * MIB));
            assertEquals(4 * MIB, nextBinary(receiver).remaining(), "exactly the maximum is allowed");
        }
        // Just over the maximum, and four times it: the relay counts the parts as they come, so even the large one
        // gets the relay's error, not the container's own limit (twice the maximum) with a bare 1009. Payara's Tyrus
        // holds a frame whole: one longer than its frame limit is closed by Tyrus unread, with 1011.
        List<byte[]> tooLarge = List.of(new byte[4 * MIB + 64 * 1024], new byte[16 * MIB]);
        int frameLimit = TestServer.frameLimit();
        whileTheBystanderRuns(server, () -> {
            for (byte[] chunk : tooLarge) {
                try (WsClient publisher = connect(server, channel("big"), "k", "publish")) {
                    try {
                        publisher.sendBinary(ByteBuffer.wrap(chunk));
                    } catch (IOException closedWhileSending) {
                        // The server may close before the last bytes are written; its error came first all the same.
                    }
                    if (frameLimit == 0 || chunk.length < frameLimit) {
                        assertRefused(publisher, LiveClose.CHUNK_TOO_LARGE);
                    } else {
                        // 1011 'Buffer overflow.', or 1006 when the close cut the publisher's send short.
                        int code = publisher.awaitClose().getCloseCode().getCode();
                        assertTrue(code == 1011 || code == 1006, "closed by the container with " + code);
                    }
                }
            }
        });
    }

    /**
     * Publishers that start 4 MiB messages and never finish them: the unfinished parts are held against the same
     * budget, so together they cannot pass it; the publisher that finds no room gets {@code ERROR: Server busy}.
     */
    @Test
    void aSlowSenderFloodIsHeldToTheBudget() throws Exception {
        TestServer server = new TestServer(url);
        ServerLog log = ServerLog.mark();
        long budget = figures(server).getJsonNumber("cacheBudgetBytes").longValueExact();
        int publishers = 56; // 224 MiB unfinished, more than the budget; within the address's 64 with the bystander
        ByteBuffer part = ByteBuffer.allocate(MIB);
        List<WsClient> flood = new ArrayList<>();
        long peak;
        try (CacheSampler sampler = new CacheSampler(server)) {
            for (int p = 0; p < publishers; p++) {
                WsClient publisher = connect(server, channel("slow" + p), "k", "publish");
                flood.add(publisher);
                try {
                    for (int i = 0; i < 4; i++) {
                        publisher.session().getBasicRemote().sendBinary(part.duplicate(), false);
                    }
                } catch (IOException | RuntimeException closedWhileSending) {
                    // Refused while sending: the error is in its queue.
                }
            }
            new Bystander(server).assertUnharmed();

            WsClient refused = null;
            for (int round = 0; refused == null && round < 100; round++) {
                for (WsClient publisher : flood) {
                    if (LiveClose.SERVER_BUSY.errorMessage().equals(publisher.poll(Duration.ofMillis(10)))) {
                        refused = publisher;
                        break;
                    }
                }
            }
            assertNotNull(refused, "a publisher that found no room was told so");
            assertEquals(LiveClose.SERVER_BUSY.code(), refused.awaitClose().getCloseCode().getCode());
            peak = sampler.stop();
        } finally {
            for (WsClient publisher : flood) {
                publisher.close();
            }
        }
        assertTrue(peak <= budget, "held " + peak + " bytes; the budget is " + budget);
        log.assertNoOutOfMemoryError();
    }

    /** An outsider cannot publish on a channel protocol A streams uploads to; watching it is allowed. */
    @Test
    void aPublisherCannotTakeAProjectsChannel() throws Exception {
        TestServer server = new TestServer(url);
        String project = channel("project-xyz");
        try (WsClient watcher = connect(server, project, "k", "receive")) {
            whileTheBystanderRuns(server, () -> {
                try (WsClient squatter = connect(server, project, "k", "publish")) {
                    assertRefused(squatter, LiveClose.RESERVED_CHANNEL);
                }
            });
            JsonObject state = channelState(server, project);
            assertNotNull(state);
            assertEquals(1, state.getInt("waitingReceivers"), "the watcher waits for the upload");
            assertTrue(watcher.isOpen());
        }
    }

    /** Samples the {@code cacheBytes} figure every 100 ms until stopped or closed; keeps the peak. */
    private static final class CacheSampler implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicReference<Exception> failed = new AtomicReference<>();
        private volatile long samples;

        CacheSampler(TestServer server) {
            timer.scheduleAtFixedRate(() -> {
                try {
                    peak.accumulateAndGet(figures(server).getJsonNumber("cacheBytes").longValueExact(), Math::max);
                    samples++;
                } catch (Exception e) {
                    failed.compareAndSet(null, e);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
        }

        /** The peak sampled; fails if a sample failed or none was taken. */
        long stop() throws Exception {
            close();
            assertTrue(timer.awaitTermination(30, TimeUnit.SECONDS));
            if (failed.get() != null) {
                throw failed.get();
            }
            assertTrue(samples > 0, "the figure was sampled");
            return peak.get();
        }

        @Override
        public void close() {
            timer.shutdown();
        }
    }

    private interface Attack {
        void run() throws Exception;
    }

    /** Repeats the attack from another thread for as long as a bystander's check takes; returns the rounds. */
    private static int whileTheBystanderRuns(TestServer server, Attack attack) throws Exception {
        ExecutorService attacker = Executors.newSingleThreadExecutor();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch firstRound = new CountDownLatch(1);
        try {
            Future<Integer> rounds = attacker.submit(() -> {
                int n = 0;
                do {
                    attack.run();
                    n++;
                    firstRound.countDown();
                } while (!done.get() && n < 10_000);
                return n;
            });
            try {
                new Bystander(server).assertUnharmed();
            } finally {
                done.set(true);
            }
            int n = rounds.get(2, TimeUnit.MINUTES);
            assertEquals(0, firstRound.getCount());
            return n;
        } finally {
            attacker.shutdownNow();
        }
    }

    private static JsonObject figures(TestServer server) throws Exception {
        return listing(server).getJsonObject("figures");
    }

    /**
     * Polls until the server counts {@code expected} active channels: it counts opens and closes as it processes them,
     * after the handshake's answer, and a loaded server does so late. Gives up only once the count has not moved for
     * 30 s (a run with another suite beside it opened 10 channels a second).
     */
    private static void awaitActiveChannels(TestServer server, int expected) throws Exception {
        int active = figures(server).getInt("activeChannels");
        Instant lastMove = Instant.now();
        while (active != expected && Instant.now().isBefore(lastMove.plusSeconds(30))) {
            int now = figures(server).getInt("activeChannels");
            if (now != active) {
                active = now;
                lastMove = Instant.now();
            }
        }
        assertEquals(expected, active);
    }

    /** {@code 127.0.a.b}: any of them reaches the server on loopback, and each is an address of its own. */
    private static InetAddress loopback(int a, int b) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, (byte) a, (byte) b});
    }
}
