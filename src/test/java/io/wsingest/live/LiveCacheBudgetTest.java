package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.wsingest.live.LiveFixture.Client;

/** The budget of every channel's cache together: exact, shared fairly, never passed, and publishers keep going. */
class LiveCacheBudgetTest {

    /** A chunk of 36 bytes, which counts 100 with its overhead. */
    private static String chunk(String name) {
        return String.format("%-36s", name);
    }

    private static List<String> names(List<String> chunks) {
        return chunks.stream().map(String::strip).toList();
    }

    private static LiveFixture budget(long bytes) {
        return new LiveFixture(Map.of(LiveSettings.GOP_CACHE_BUDGET_BYTES, Long.toString(bytes)));
    }

    private static void publish(Client publisher, String prefix, int from, int to) {
        for (int i = from; i < to; i++) {
            publisher.send(chunk(prefix + i));
        }
    }

    @Test
    void whenTheBudgetIsSpentTheLargestCacheLosesItsOldestChunksFirst() {
        LiveFixture live = budget(1000);
        Client a = live.connect("a/k/publish");
        Client b = live.connect("b/k/publish");
        Client c = live.connect("c/k/publish");
        publish(a, "a", 0, 7);
        publish(b, "b", 0, 3);
        assertEquals(1000, live.relay.figures().cacheBytes());

        publish(c, "c", 0, 3);

        assertEquals(List.of("a3", "a4", "a5", "a6"), names(live.connect("a/k/receive").peer().chunks()));
        assertEquals(List.of("b0", "b1", "b2"), names(live.connect("b/k/receive").peer().chunks()));
        assertEquals(List.of("c0", "c1", "c2"), names(live.connect("c/k/receive").peer().chunks()));
        assertEquals(1000, live.relay.figures().cacheBytes());
        assertEquals(300, live.relay.figures().cacheBytesTrimmed());
    }

    @Test
    void publishersKeepPublishingAndReceiversGetEveryLiveChunk() {
        LiveFixture live = budget(500);
        Client receiver = live.connect("a/k/receive");
        Client a = live.connect("a/k/publish");
        Client b = live.connect("b/k/publish");
        for (int i = 0; i < 20; i++) {
            a.send(chunk("a" + i));
            b.send(chunk("b" + i));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("a" + i);
        }
        assertEquals(expected, names(receiver.peer().chunks()));
        assertEquals(500, live.relay.figures().cacheBytes());
        assertEquals(List.of(), a.peer().texts(), "the publisher was told nothing: trimming is silent");
    }

    @Test
    void aChunkTheWholeBudgetCannotHoldIsRelayedButEmptiesItsCache() {
        LiveFixture live = budget(1000);
        Client a = live.connect("a/k/publish");
        Client b = live.connect("b/k/publish");
        Client receiver = live.connect("a/k/receive");
        publish(a, "a", 0, 2);
        publish(b, "b", 0, 2);
        a.send("x".repeat(2000));
        assertEquals(3, receiver.peer().chunks().size());
        assertEquals(List.of(), live.connect("a/k/receive").peer().chunks(),
                "a cache without that chunk would hand out a stream with a gap");
        assertEquals(List.of("b0", "b1"), names(live.connect("b/k/receive").peer().chunks()),
                "other caches are not emptied for a chunk that could never fit");
        assertEquals(200, live.relay.figures().cacheBytes());
        publish(a, "a", 2, 3);
        assertEquals(List.of("a2"), names(live.connect("a/k/receive").peer().chunks()), "it caches again");
    }

    @Test
    void unfinishedMessagesAreHeldAgainstTheBudgetBeyondTheirFirst64KiB() {
        int free = (int) ChunkAssembler.UNHELD_BYTES;
        LiveFixture live = budget(1000);
        Client a = live.connect("a/k/publish");
        publish(a, "a", 0, 8);
        Client bReceiver = live.connect("10.0.3.9", "b/k/receive");
        Client slow = live.connect("10.0.3.1", "b/k/publish");
        slow.handler().binary(ByteBuffer.allocate(free + 300), false);
        assertEquals(1000, live.relay.figures().cacheBytes());
        assertEquals(List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7"),
                names(live.connect("a/k/receive").peer().chunks()), "the oldest cached chunk made room for it");
        slow.handler().binary(ByteBuffer.allocate(200), false);
        slow.handler().binary(ByteBuffer.allocate(100), true);
        assertEquals(List.of(free + 600), bReceiver.peer().binaries().stream().map(b -> b.length).toList());
        assertEquals(List.of("a4", "a5", "a6", "a7"), names(live.connect("a/k/receive").peer().chunks()));
        assertEquals(400, live.relay.figures().cacheBytes(), "what the message held went back when it was whole");
    }

    @Test
    void whenUnfinishedMessagesHoldTheWholeBudgetAnotherLargeOneIsRefusedAsServerBusy() {
        int free = (int) ChunkAssembler.UNHELD_BYTES;
        LiveFixture live = budget(1000);
        Client holder = live.connect("10.0.3.1", "a/k/publish");
        holder.handler().binary(ByteBuffer.allocate(free + 900), false);
        Client late = live.connect("10.0.3.2", "b/k/publish");
        late.handler().binary(ByteBuffer.allocate(free + 200), false);
        assertEquals(List.of("ERROR: Server busy"), late.peer().texts());
        assertEquals(LiveClose.SERVER_BUSY, late.peer().closed());

        Client receiver = live.connect("10.0.3.3", "c/k/receive");
        Client small = live.connect("10.0.3.4", "c/k/publish");
        small.handler().binary(ByteBuffer.allocate(4000), false);
        small.handler().binary(ByteBuffer.allocate(96), true);
        assertEquals(List.of(4096), receiver.peer().binaries().stream().map(b -> b.length).toList(),
                "a publisher of ordinary chunks goes on");
        holder.disconnect();
        late.disconnect();
        small.disconnect();
        assertEquals(0, live.relay.figures().cacheBytes(), "every held byte came back");
    }

    @Test
    void aZeroBudgetCachesNothing() {
        LiveFixture live = budget(0);
        Client a = live.connect("a/k/publish");
        Client receiver = live.connect("a/k/receive");
        publish(a, "a", 0, 3);
        assertEquals(3, receiver.peer().chunks().size());
        assertEquals(List.of(), live.connect("a/k/receive").peer().chunks());
    }

    @Test
    void clearingEndingAndDisablingCachesGiveTheirBytesBack() {
        LiveFixture live = budget(1000);
        Client a = live.connect("a/k/publish");
        Client b = live.connect("b/k/publish");
        publish(a, "a", 0, 3);
        publish(b, "b", 0, 4);
        assertEquals(700, live.relay.figures().cacheBytes());
        live.connect("a/k/receive-clear-cache");
        publish(a, "a", 3, 5);
        assertEquals(400, live.relay.figures().cacheBytes(), "a cleared cache takes nothing");
        b.disconnect();
        assertEquals(0, live.relay.figures().cacheBytes());
    }

    @Test
    void concurrentPublishersOnManyChannelsNeverPassTheBudgetAndAddUpExactly() throws Exception {
        long budget = 50_000;
        LiveFixture live = budget(budget);
        int channels = 8;
        List<Client> publishers = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            publishers.add(live.connect("10.0.2." + c, "ch" + c + "/k/publish"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(channels + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean publishing = new AtomicBoolean(true);
            Future<Long> sampler = pool.submit(() -> {
                start.await();
                // The figure is one atomic value; a sum over the channels would read each at another moment.
                long peak = 0;
                while (publishing.get()) {
                    peak = Math.max(peak, live.relay.figures().cacheBytes());
                }
                return peak;
            });
            List<Future<?>> work = new ArrayList<>();
            for (Client publisher : publishers) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 3000; i++) {
                        publisher.send("x".repeat(ThreadLocalRandom.current().nextInt(0, 3000)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            publishing.set(false);
            assertTrue(sampler.get(60, TimeUnit.SECONDS) <= budget, "the caches never held more than the budget");

            long cached = 0; // at rest, the channels' own counts
            for (ChannelState state : live.relay.channels()) {
                cached += state.cachedBytes() + (long) GopCache.CHUNK_OVERHEAD * state.cachedChunks();
            }
            assertEquals(cached, live.relay.figures().cacheBytes(), "the budget counts exactly what is cached");
            assertTrue(live.relay.figures().cacheBytesTrimmed() > 0, "the budget was spent and trimmed");
            for (Client publisher : publishers) {
                publisher.disconnect();
            }
            assertEquals(0, live.relay.figures().cacheBytes(), "every byte came back when the streams ended");
        } finally {
            pool.shutdownNow();
        }
    }
}
