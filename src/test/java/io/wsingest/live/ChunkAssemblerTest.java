package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ChunkAssemblerTest {

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }

    @Test
    void aMessageInOnePartIsCopiedOnce() throws Exception {
        ChunkAssembler assembler = new ChunkAssembler(10);
        ByteBuffer reused = bytes("abc");
        ByteBuffer chunk = assembler.add(reused, true);
        reused.clear();
        reused.put(bytes("XYZ"));
        assertEquals("abc", text(chunk), "the container's buffer is not kept");
        assertTrue(chunk.isReadOnly());
    }

    @Test
    void partsMakeOneChunkInOrder() throws Exception {
        ChunkAssembler assembler = new ChunkAssembler(10);
        assertNull(assembler.add(bytes("ab"), false));
        assertNull(assembler.add(bytes("cde"), false));
        assertEquals("abcdefghij", text(assembler.add(bytes("fghij"), true)), "exactly the maximum is allowed");
        assertEquals("next", text(assembler.add(bytes("next"), true)), "the next message starts afresh");
    }

    @Test
    void aMessageGrowingPastTheMaximumIsRefusedAtThatPart() throws Exception {
        ChunkAssembler assembler = new ChunkAssembler(10);
        assertNull(assembler.add(bytes("123456"), false));
        LiveRefusal refusal = assertThrows(LiveRefusal.class, () -> assembler.add(bytes("12345"), false));
        assertEquals(LiveClose.CHUNK_TOO_LARGE, refusal.close());
        assertEquals(LiveClose.CHUNK_TOO_LARGE,
                assertThrows(LiveRefusal.class, () -> assembler.add(bytes("x".repeat(11)), true)).close());
    }

    @Test
    void anEmptyMessageIsAChunkToo() throws Exception {
        assertEquals(0, new ChunkAssembler(10).add(ByteBuffer.allocate(0), true).remaining());
    }
}
