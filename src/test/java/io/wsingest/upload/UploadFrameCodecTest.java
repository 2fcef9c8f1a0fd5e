package io.wsingest.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.wsingest.websocket.Disconnect;

/** Golden data messages in both byte orders, and every way a message can be malformed. */
class UploadFrameCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    private final UploadFrameCodec little = new UploadFrameCodec(ByteOrder.LITTLE_ENDIAN, 32768);
    private final UploadFrameCodec big = new UploadFrameCodec(ByteOrder.BIG_ENDIAN, 32768);

    /** offset 258, count 3, data "abc": the example in docs/protocol-a-resumable-upload.md. */
    private static final String LITTLE_GOLDEN = "0201000000000000" + "0300" + "616263";
    private static final String BIG_GOLDEN = "0000000000000102" + "0003" + "616263";

    private static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HEX.parseHex(hex));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    @Test
    void decodesLittleEndianGoldenFrame() throws Exception {
        DataFrame frame = little.decode(hex(LITTLE_GOLDEN));
        assertEquals(258, frame.offset());
        assertEquals(3, frame.count());
        assertArrayEquals("abc".getBytes(), bytes(frame.data()));
    }

    @Test
    void decodesBigEndianGoldenFrame() throws Exception {
        DataFrame frame = big.decode(hex(BIG_GOLDEN));
        assertEquals(258, frame.offset());
        assertArrayEquals("abc".getBytes(), bytes(frame.data()));
    }

    @Test
    void encodesGoldenFramesInBothOrders() {
        assertEquals(LITTLE_GOLDEN, HEX.formatHex(bytes(little.encode(258, ByteBuffer.wrap("abc".getBytes())))));
        assertEquals(BIG_GOLDEN, HEX.formatHex(bytes(big.encode(258, ByteBuffer.wrap("abc".getBytes())))));
    }

    @Test
    void decodesLargeOffsetAndLargestCount() throws Exception {
        byte[] data = new byte[32758];
        data[32757] = 7;
        ByteBuffer message = little.encode(5_000_000_000L, ByteBuffer.wrap(data));
        assertEquals(32768, message.remaining(), "header and data fill the buffer exactly");

        DataFrame frame = little.decode(message);
        assertEquals(5_000_000_000L, frame.offset());
        assertEquals(32758, frame.count());
        assertEquals(7, frame.data().get(32757));
    }

    @Test
    void decodesEmptyData() throws Exception {
        assertEquals(0, little.decode(hex("0000000000000000" + "0000")).count());
    }

    @Test
    void decodesWithoutDisturbingTheMessage() throws Exception {
        ByteBuffer message = hex("00" + LITTLE_GOLDEN).position(1);
        little.decode(message);
        assertEquals(1, message.position());
    }

    @Test
    void rejectsCountLargerThanTheDataThatFollows() {
        assertViolation(1007, "Invalid value of data size", hex("0000000000000000" + "0400" + "616263"));
    }

    @Test
    void rejectsCountSmallerThanTheDataThatFollows() {
        assertViolation(1007, "Invalid value of data size", hex("0000000000000000" + "0200" + "616263"));
    }

    @Test
    void rejectsNegativeCount() {
        assertViolation(1007, "Invalid value of data size", hex("0000000000000000" + "ffff" + "616263"));
    }

    @Test
    void rejectsShortHeader() {
        assertViolation(1007, "Invalid value of data size", hex("000000000000000000"));
        assertViolation(1007, "Invalid value of data size", hex(""));
    }

    @Test
    void rejectsMessageLargerThanTheBuffer() {
        ByteBuffer message = ByteBuffer.allocate(32769).order(ByteOrder.LITTLE_ENDIAN).putLong(0).putShort((short) 32759)
                .position(0);
        assertViolation(1009, "Message does not fit into 32768B buffer", message);
    }

    @Test
    void readsTheByteOrderItWasGiven() throws Exception {
        // The little-endian golden frame read as big-endian: a different offset, and a count that does not match.
        assertViolation(big, 1007, "Invalid value of data size", hex(LITTLE_GOLDEN));
    }

    @Test
    void refusesToEncodeMoreThanTheBufferHolds() {
        assertThrows(IllegalArgumentException.class, () -> little.encode(0, ByteBuffer.allocate(32759)));
    }

    private void assertViolation(int code, String reason, ByteBuffer message) {
        assertViolation(little, code, reason, message);
    }

    private static void assertViolation(UploadFrameCodec codec, int code, String reason, ByteBuffer message) {
        ProtocolViolation e = assertThrows(ProtocolViolation.class, () -> codec.decode(message));
        assertEquals(new Disconnect(code, reason), e.disconnect());
    }
}
