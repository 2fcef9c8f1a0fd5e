package io.wsingest.uploadapi;

import java.util.Optional;

import io.wsingest.ocr.ImageFormat;

/**
 * The content type of an upload, from its first bytes (never from what the client says): PNG, JPEG, TIFF in either
 * byte order, GIF, WebP, BMP and PDF are recognised by their signatures. Whether a recognised type is accepted is the
 * OCR engine's decision.
 */
final class ContentSniffer {

    /** The longest signature checked; callers pass at least this many bytes when the content has them. */
    static final int SIGNATURE_BYTES = 16;

    private ContentSniffer() {
    }

    /** The format the bytes start like, if any of the recognised ones. */
    static Optional<ImageFormat> sniff(byte[] head) {
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n')) {
            return Optional.of(ImageFormat.PNG);
        }
        if (startsWith(head, 0, 0xff, 0xd8, 0xff)) {
            return Optional.of(ImageFormat.JPEG);
        }
        if (startsWith(head, 0, 'I', 'I', 42, 0) || startsWith(head, 0, 'M', 'M', 0, 42)) {
            return Optional.of(ImageFormat.TIFF);
        }
        if (startsWith(head, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(head, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(ImageFormat.GIF);
        }
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(ImageFormat.WEBP);
        }
        if (isBmp(head)) {
            return Optional.of(ImageFormat.BMP);
        }
        if (startsWith(head, 0, '%', 'P', 'D', 'F', '-')) {
            return Optional.of(ImageFormat.PDF);
        }
        return Optional.empty();
    }

    /**
     * "BM" alone is too weak (plenty of text starts with it), so the size of the header after the file header must
     * also be one of the known bitmap header sizes (OS/2 and Windows versions 1 to 5).
     */
    private static boolean isBmp(byte[] head) {
        if (!startsWith(head, 0, 'B', 'M') || head.length < 18) {
            return false;
        }
        int infoSize = (head[14] & 0xff) | (head[15] & 0xff) << 8 | (head[16] & 0xff) << 16 | (head[17] & 0xff) << 24;
        return infoSize == 12 || infoSize == 40 || infoSize == 52 || infoSize == 56 || infoSize == 64
                || infoSize == 108 || infoSize == 124;
    }

    private static boolean startsWith(byte[] head, int offset, int... signature) {
        if (head.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[offset + i] & 0xff) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
