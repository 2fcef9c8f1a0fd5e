package io.wsingest.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import io.wsingest.websocket.Disconnect;

class DataMessageAssemblerTest {

    private final DataMessageAssembler assembler = new DataMessageAssembler(100);

    private static ByteBuffer bytes(int count, int value) {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            buffer.put((byte) value);
        }
        return buffer.flip();
    }

    @Test
    void passesAMessageInOnePartOnUncopied() throws Exception {
        ByteBuffer whole = bytes(500, 1);
        assertSame(whole, assembler.part(whole, true), "its size is the codec's to check");
    }

    @Test
    void joinsPartsIntoOneMessage() throws Exception {
        assertNull(assembler.part(bytes(60, 1), false));
        ByteBuffer whole = assembler.part(bytes(40, 2), true);
        assertEquals(100, whole.remaining());
        assertEquals(1, whole.get(59));
        assertEquals(2, whole.get(60));
        assertEquals(10, assembler.part(bytes(10, 3), true).remaining(), "the next message starts afresh");
    }

    @Test
    void refusesWithTheDocumentsCloseAtThePartThatPassesTheBuffer() throws Exception {
        assertNull(assembler.part(bytes(100, 1), false));
        ProtocolViolation violation = assertThrows(ProtocolViolation.class, () -> assembler.part(bytes(1, 1), false));
        assertEquals(new Disconnect(1009, "Message does not fit into 100B buffer"), violation.disconnect());
    }
}
