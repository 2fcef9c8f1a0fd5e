package io.wsingest.ocr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks every page of a TIFF before any is decoded: walks the chain of image file directories (one per page, the
 * chain Leptonica follows) and reads each page's width and height from its tags. A TIFF with more pages than
 * {@code max-tiff-pages}, or a page beyond the pixel limit anywhere in it, is refused without decoding a pixel: a
 * tiny file can claim a page of 100,000 × 100,000 pixels, which decoded would take 10 GB. Plain Java, no native code.
 */
final class TiffDirectories {

    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;
    private static final int ENTRY_BYTES = 12;

    private TiffDirectories() {
    }

    /**
     * Refuses the TIFF unless it has at most {@code max-tiff-pages} pages, each within the pixel limit.
     *
     * @param tiff the whole file; read from its position 0, its position and byte order are left unchanged
     * @return the number of pages
     * @throws OcrFailure when the directories are corrupt, the pages too many or a page too large
     */
    static int check(ByteBuffer tiff, OcrSettings settings) throws OcrFailure {
        ByteBuffer data = tiff.duplicate().clear();
        if (data.limit() < 8) {
            throw corrupt();
        }
        if (data.get(0) == 'I' && data.get(1) == 'I') {
            data.order(ByteOrder.LITTLE_ENDIAN);
        } else if (data.get(0) == 'M' && data.get(1) == 'M') {
            data.order(ByteOrder.BIG_ENDIAN);
        } else {
            throw corrupt();
        }
        if (unsignedShort(data, 2) != 42) {
            throw corrupt();
        }
        Set<Long> visited = new HashSet<>();
        int pages = 0;
        for (long offset = unsignedInt(data, 4); offset != 0; ) {
            // A chain that points back into itself would never end.
            if (!visited.add(offset) || offset + 2 > data.limit()) {
                throw corrupt();
            }
            pages++;
            if (pages > settings.maxTiffPages()) {
                throw new OcrFailure("The TIFF is too long for OCR: more than " + settings.maxTiffPages()
                        + " pages, the limit is " + settings.maxTiffPages() + " pages.");
            }
            int at = (int) offset;
            int entries = unsignedShort(data, at);
            long next = at + 2L + (long) entries * ENTRY_BYTES;
            if (next + 4 > data.limit()) {
                throw corrupt();
            }
            long width = -1;
            long height = -1;
            for (int i = 0; i < entries; i++) {
                int entry = at + 2 + i * ENTRY_BYTES;
                int tag = unsignedShort(data, entry);
                if (tag == IMAGE_WIDTH) {
                    width = dimension(data, entry);
                } else if (tag == IMAGE_LENGTH) {
                    height = dimension(data, entry);
                }
            }
            if (width <= 0 || height <= 0) {
                throw corrupt();
            }
            settings.checkPixels("Page " + pages + " of the TIFF image", width, height);
            offset = unsignedInt(data, (int) next);
        }
        if (pages == 0) {
            throw corrupt();
        }
        return pages;
    }

    /** A width or height: one SHORT or LONG value, held in the entry itself; -1 for anything else. */
    private static long dimension(ByteBuffer data, int entry) {
        int type = unsignedShort(data, entry + 2);
        if (unsignedInt(data, entry + 4) != 1) {
            return -1;
        }
        return type == TYPE_SHORT ? unsignedShort(data, entry + 8)
                : type == TYPE_LONG ? unsignedInt(data, entry + 8)
                : -1;
    }

    private static int unsignedShort(ByteBuffer data, int at) {
        return Short.toUnsignedInt(data.getShort(at));
    }

    private static long unsignedInt(ByteBuffer data, int at) {
        return Integer.toUnsignedLong(data.getInt(at));
    }

    private static OcrFailure corrupt() {
        return new OcrFailure("Cannot read the TIFF image: its page directory is corrupt or truncated.");
    }
}
