package io.wsingest.upload;

import java.nio.ByteBuffer;

/**
 * Puts a data message together from the parts the WebSocket container hands over. The endpoint takes binary messages
 * in parts so that a message of any size reaches the protocol's own check and gets the document's close, 1009
 * {@code Message does not fit into {buffer size}B buffer}, instead of the container's: the parts are refused as soon
 * as they pass {@code BufferSize}, so at most that much is ever held.
 */
final class DataMessageAssembler {

    private final int bufferSize;
    /** The parts of the message so far; null between messages. */
    private ByteBuffer parts;

    DataMessageAssembler(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    /**
     * Adds a part.
     *
     * @return the whole message once {@code last} ends it, else null
     * @throws ProtocolViolation 1009 once the message is larger than the buffer (the rest of it is then taken as a
     *                           new message, which the closed exchange ignores)
     */
    ByteBuffer part(ByteBuffer part, boolean last) throws ProtocolViolation {
        if (parts == null && last) {
            // A message in one part, the usual case: the codec checks its size, nothing is copied.
            return part;
        }
        int held = parts == null ? 0 : parts.position();
        if (held + part.remaining() > bufferSize) {
            parts = null;
            throw new ProtocolViolation(UploadError.MESSAGE_TOO_BIG.disconnect(bufferSize));
        }
        if (parts == null) {
            // A new buffer for each message: the live relay may still hold the previous one.
            parts = ByteBuffer.allocate(bufferSize);
        }
        parts.put(part);
        if (!last) {
            return null;
        }
        ByteBuffer whole = parts.flip();
        parts = null;
        return whole;
    }
}
