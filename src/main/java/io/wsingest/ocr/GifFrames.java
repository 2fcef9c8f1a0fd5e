package io.wsingest.ocr;

import java.nio.ByteBuffer;

/**
 * Checks the frames of a GIF before it is decoded. Leptonica decodes a GIF with giflib's {@code DGifSlurp}, which
 * decodes every frame into memory, and its header reader decodes the whole image too; so this walks the blocks
 * (header, colour tables, extensions, each frame's descriptor and its skipped data) and refuses a GIF whose frames
 * together have more than the pixel limit, without decoding a pixel. Plain Java, no native code.
 */
final class GifFrames {

    private static final int HEADER_BYTES = 6;
    private static final int EXTENSION = 0x21;
    private static final int IMAGE = 0x2C;
    private static final int TRAILER = 0x3B;

    private GifFrames() {
    }

    /**
     * Refuses the GIF unless its frames, together, are within the pixel limit.
     *
     * @param gif the whole file, read from position 0; its position is left unchanged
     * @return the number of frames
     * @throws OcrFailure when the blocks are corrupt or the frames too large
     */
    static int check(ByteBuffer gif, OcrSettings settings) throws OcrFailure {
        ByteBuffer data = gif.duplicate().clear();
        int at = HEADER_BYTES;
        need(data, at + 7);
        int screenFlags = data.get(at + 4) & 0xff;
        at += 7 + colourTable(screenFlags);
        int frames = 0;
        long pixels = 0;
        while (true) {
            need(data, at + 1);
            int block = data.get(at) & 0xff;
            if (block == TRAILER) {
                break;
            }
            if (block == EXTENSION) {
                at = skipSubBlocks(data, at + 2);
            } else if (block == IMAGE) {
                need(data, at + 10);
                long width = unsignedShort(data, at + 5);
                long height = unsignedShort(data, at + 7);
                frames++;
                settings.checkPixels("The GIF image", width, height);
                pixels += width * height;
                if (pixels > settings.maxImagePixels()) {
                    throw new OcrFailure("The GIF image is too large for OCR: its first " + frames + " frames have "
                            + pixels + " pixels, the limit is " + settings.maxImagePixels() + " pixels.");
                }
                // The descriptor, the frame's colour table, the LZW code size, then the data.
                at = skipSubBlocks(data, at + 10 + colourTable(data.get(at + 9) & 0xff) + 1);
            } else {
                throw corrupt();
            }
        }
        if (frames == 0) {
            throw corrupt();
        }
        return frames;
    }

    /** The bytes of the colour table a descriptor's flags announce. */
    private static int colourTable(int flags) {
        return (flags & 0x80) == 0 ? 0 : 3 * (1 << ((flags & 0x07) + 1));
    }

    /** Skips data sub-blocks (a length byte, then that many bytes) up to the empty one that ends them. */
    private static int skipSubBlocks(ByteBuffer data, int at) throws OcrFailure {
        while (true) {
            need(data, at + 1);
            int length = data.get(at) & 0xff;
            at += 1 + length;
            if (length == 0) {
                return at;
            }
        }
    }

    private static int unsignedShort(ByteBuffer data, int at) {
        return (data.get(at) & 0xff) | (data.get(at + 1) & 0xff) << 8;
    }

    private static void need(ByteBuffer data, int end) throws OcrFailure {
        if (end > data.limit()) {
            throw corrupt();
        }
    }

    private static OcrFailure corrupt() {
        return new OcrFailure("Cannot read the GIF image: its header is corrupt or truncated.");
    }
}
