package io.wsingest.ocr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageIO stream over a seekable channel (a blob in the store), read through a small buffer. Image readers seek
 * (TIFF directories sit at the end of the file, PNG skips ancillary chunks), so the bytes are neither copied to a
 * cache file nor held in memory, as {@code ImageIO.createImageInputStream(InputStream)} would do. Closing it leaves
 * the channel open: it belongs to the caller.
 */
final class ChannelImageInputStream extends ImageInputStreamImpl {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final SeekableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).limit(0);
    /** The channel position of {@code buffer}'s first byte; the buffer holds {@code buffer.limit()} bytes. */
    private long bufferStart;

    ChannelImageInputStream(SeekableByteChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (!fill()) {
            return -1;
        }
        return buffer.get((int) (streamPos++ - bufferStart)) & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        bitOffset = 0;
        if (!fill()) {
            return -1;
        }
        int from = (int) (streamPos - bufferStart);
        int n = Math.min(len, buffer.limit() - from);
        buffer.get(from, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        try {
            return channel.size();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Makes the byte at the stream position available in the buffer; false at the end of the channel. */
    private boolean fill() throws IOException {
        if (streamPos >= bufferStart && streamPos < bufferStart + buffer.limit()) {
            return true;
        }
        buffer.clear();
        channel.position(streamPos);
        int read;
        do {
            read = channel.read(buffer);
        } while (read == 0);
        buffer.flip();
        bufferStart = streamPos;
        return buffer.hasRemaining();
    }
}
