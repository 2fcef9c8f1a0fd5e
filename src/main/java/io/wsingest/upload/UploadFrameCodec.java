package io.wsingest.upload;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The binary data message of protocol A: {@code offset} (int64), {@code count} (int16), then {@code count} bytes, the
 * two numbers in the configured byte order. The whole message, header included, must fit in {@code BufferSize}.
 * Stateless and thread-safe.
 */
public final class UploadFrameCodec {

    /** {@code offset} (8 bytes) and {@code count} (2 bytes). */
    public static final int HEADER_BYTES = 10;

    private final ByteOrder order;
    private final int bufferSize;

    public UploadFrameCodec(ByteOrder order, int bufferSize) {
        this.order = order;
        this.bufferSize = bufferSize;
    }

    /**
     * Reads a data message without copying it.
     *
     * @throws ProtocolViolation 1009 if the message is larger than the buffer; 1007 if it is too short for the header
     *                           or {@code count} is negative or differs from the number of bytes that follow
     */
    public DataFrame decode(ByteBuffer message) throws ProtocolViolation {
        int size = message.remaining();
        if (size > bufferSize) {
            throw new ProtocolViolation(UploadError.MESSAGE_TOO_BIG.disconnect(bufferSize));
        }
        if (size < HEADER_BYTES) {
            throw new ProtocolViolation(UploadError.INVALID_DATA_SIZE.disconnect());
        }
        ByteBuffer frame = message.slice().order(order);
        long offset = frame.getLong(0);
        short count = frame.getShort(Long.BYTES);
        if (count < 0 || count != size - HEADER_BYTES) {
            throw new ProtocolViolation(UploadError.INVALID_DATA_SIZE.disconnect());
        }
        return new DataFrame(offset, frame.position(HEADER_BYTES).slice());
    }

    /**
     * Writes a data message, as a client does (the data is not consumed). The buffer comes back in the default byte
     * order: its bytes are the message, and a sender that reads it in words (the JDK's WebSocket client masks that
     * way) must not see them reordered.
     */
    public ByteBuffer encode(long offset, ByteBuffer data) {
        int count = data.remaining();
        if (count > Short.MAX_VALUE || HEADER_BYTES + count > bufferSize) {
            throw new IllegalArgumentException(count + " bytes of data do not fit in a " + bufferSize + " byte message");
        }
        return ByteBuffer.allocate(HEADER_BYTES + count).order(order)
                .putLong(offset)
                .putShort((short) count)
                .put(data.duplicate())
                .flip()
                .order(ByteOrder.BIG_ENDIAN);
    }
}
