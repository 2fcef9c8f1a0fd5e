package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ChunkAssemblerTest {

    private static final long U = ChunkAssembler.UNHELD_BYTES;

    private final CacheBudget budget = new CacheBudget(1000);

    private ChunkAssembler assembler(long maxBytes) {
        return new ChunkAssembler(maxBytes, budget::tryReserve, budget::release);
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }

    @Test
    void aMessageInOnePartIsCopiedOnceAndNotHeld() throws Exception {
        ChunkAssembler assembler = assembler(10);
        ByteBuffer reused = bytes("abc");
        ByteBuffer chunk = assembler.add(reused, true);
        reused.clear();
        reused.put(bytes("XYZ"));
        assertEquals("abc", text(chunk), "the container's buffer is not kept");
        assertTrue(chunk.isReadOnly());
        assertEquals(0, budget.used());
    }

    @Test
    void partsMakeOneChunkInOrder() throws Exception {
        ChunkAssembler assembler = assembler(10);
        assertNull(assembler.add(bytes("ab"), false));
        assertNull(assembler.add(bytes("cde"), false));
        assertEquals("abcdefghij", text(assembler.add(bytes("fghij"), true)), "exactly the maximum is allowed");
        assertEquals("next", text(assembler.add(bytes("next"), true)), "the next message starts afresh");
    }

    @Test
    void onlyWhatAnUnfinishedMessageHasBeyondItsFirst64KiBIsHeld() throws Exception {
        ChunkAssembler assembler = assembler(U + 1000);
        assertNull(assembler.add(ByteBuffer.allocate((int) U - 10), false));
        assertEquals(0, budget.used(), "small messages never wait on the budget");
        assertNull(assembler.add(ByteBuffer.allocate(30), false));
        assertEquals(20, budget.used());
        assertEquals(U + 25, assembler.add(ByteBuffer.allocate(5), true).remaining());
        assertEquals(0, budget.used(), "the whole chunk is the relay's to count");
    }

    @Test
    void aMessageGrowingPastTheMaximumIsRefusedAtThatPart() throws Exception {
        ChunkAssembler assembler = assembler(10);
        assertNull(assembler.add(bytes("123456"), false));
        LiveRefusal refusal = assertThrows(LiveRefusal.class, () -> assembler.add(bytes("12345"), false));
        assertEquals(LiveClose.CHUNK_TOO_LARGE, refusal.close());
        assertEquals(0, budget.used());
        assertNull(assembler.add(bytes("more"), true), "the rest of the connection's parts are ignored");
        assertEquals(LiveClose.CHUNK_TOO_LARGE,
                assertThrows(LiveRefusal.class, () -> assembler(10).add(bytes("x".repeat(11)), true)).close());
    }

    @Test
    void aPartTheBudgetCannotHoldIsRefusedAsServerBusy() throws Exception {
        assertTrue(budget.tryReserve(996)); // the rest of the budget is held elsewhere
        ChunkAssembler assembler = assembler(U + 100);
        assertNull(assembler.add(ByteBuffer.allocate((int) U + 3), false));
        LiveRefusal refusal = assertThrows(LiveRefusal.class, () -> assembler.add(bytes("de"), false));
        assertEquals(LiveClose.SERVER_BUSY, refusal.close());
        assertEquals(996, budget.used(), "what it held went back");
    }

    @Test
    void discardingGivesBackWhatWasHeldAndIgnoresWhatComesLater() throws Exception {
        ChunkAssembler assembler = assembler(U + 100);
        assembler.add(ByteBuffer.allocate((int) U + 3), false);
        assertEquals(3, budget.used());
        assembler.discard();
        assertEquals(0, budget.used());
        assertNull(assembler.add(bytes("def"), false));
        assertNull(assembler.add(bytes("g"), true));
        assertEquals(0, budget.used(), "a part after the close holds nothing");
    }

    @Test
    void anEmptyMessageIsAChunkToo() throws Exception {
        assertEquals(0, assembler(10).add(ByteBuffer.allocate(0), true).remaining());
    }
}
