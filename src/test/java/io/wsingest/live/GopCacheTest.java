package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class GopCacheTest {

    private static final int O = GopCache.CHUNK_OVERHEAD;

    private final CacheBudget budget = new CacheBudget(1L << 40);

    private GopCache cache(long limit) {
        return new GopCache(limit, budget);
    }

    /** As the relay does: reserves the chunk's cost when the cache wants it, then adds it. */
    private void add(GopCache cache, ByteBuffer chunk) {
        long cost = GopCache.cost(chunk);
        cache.add(chunk, cache.wants(cost) && budget.tryReserve(cost));
    }

    private static ByteBuffer chunk(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    private static List<String> texts(List<ByteBuffer> chunks) {
        return chunks.stream().map(b -> StandardCharsets.UTF_8.decode(b).toString()).toList();
    }

    @Test
    void countsEachChunkWithItsOverhead() {
        GopCache cache = cache(1000);
        add(cache, chunk("abc"));
        add(cache, chunk("de"));
        assertEquals(5 + 2L * O, cache.accountedBytes());
        assertEquals(5, cache.dataBytes());
        assertEquals(2, cache.chunkCount());
    }

    @Test
    void dropsTheOldestChunksFirstToStayWithinTheLimit() {
        GopCache cache = cache(3 * (10 + O));
        for (int i = 0; i < 5; i++) {
            add(cache, chunk("chunk-" + i + "xxx")); // 10 bytes each
        }
        assertEquals(List.of("chunk-2xxx", "chunk-3xxx", "chunk-4xxx"), texts(cache.snapshot()));
        assertEquals(3 * (10L + O), cache.accountedBytes());
        assertEquals(30, cache.dataBytes());
    }

    @Test
    void aChunkLargerThanTheLimitEmptiesTheCache() {
        GopCache cache = cache(100);
        add(cache, chunk("small"));
        add(cache, chunk("x".repeat(200)));
        assertEquals(0, cache.chunkCount());
        assertEquals(0, cache.accountedBytes());
    }

    @Test
    void manyTinyChunksAreBoundedToo() {
        GopCache cache = cache(10 * O);
        for (int i = 0; i < 10_000; i++) {
            add(cache, chunk(""));
        }
        assertEquals(10, cache.chunkCount());
    }

    @Test
    void limitZeroMeansNoCache() {
        GopCache cache = cache(0);
        add(cache, chunk("a"));
        assertFalse(cache.isEnabled());
        assertEquals(0, cache.chunkCount());
        cache.reset();
        add(cache, chunk("a"));
        assertEquals(0, cache.chunkCount(), "a reset does not turn on a cache the settings turned off");
    }

    @Test
    void clearAndDisableKeepsItOffUntilReset() {
        GopCache cache = cache(1000);
        add(cache, chunk("a"));
        cache.clearAndDisable();
        add(cache, chunk("b"));
        assertEquals(0, cache.chunkCount());
        assertFalse(cache.isEnabled());
        cache.reset();
        add(cache, chunk("c"));
        assertEquals(List.of("c"), texts(cache.snapshot()));
        assertTrue(cache.isEnabled());
    }

    @Test
    void snapshotViewsAreIndependentOfTheCache() {
        GopCache cache = cache(1000);
        add(cache, chunk("abc"));
        ByteBuffer view = cache.snapshot().get(0);
        view.get(new byte[3]); // a send consumes its view
        assertEquals(List.of("abc"), texts(cache.snapshot()));
        assertEquals("abc", texts(List.of(cache.oldest().orElseThrow())).get(0));
    }

    @Test
    void oldestIsTheStartOfWhatIsCached() {
        GopCache cache = cache(2 * (1 + O));
        assertTrue(cache.oldest().isEmpty());
        add(cache, chunk("a"));
        add(cache, chunk("b"));
        add(cache, chunk("c"));
        assertEquals("b", texts(List.of(cache.oldest().orElseThrow())).get(0));
    }

    @Test
    void negativeLimitIsABug() {
        assertThrows(IllegalArgumentException.class, () -> new GopCache(-1, budget));
    }
}
