package io.wsingest.bench;

import java.util.Random;

/**
 * The bytes every upload sends: a fixed 4 MiB pseudo-random block, repeated. The same file size therefore has the
 * same content in every run, so the content-addressed store keeps one copy of it instead of filling the disk; the
 * server still receives, hashes, writes and fsyncs every byte of every upload.
 */
final class Payload {

    private static final byte[] BLOCK = new byte[4 << 20];

    static {
        new Random(20261122L).nextBytes(BLOCK);
    }

    private Payload() {
    }

    /** Copies the file's bytes {@code [fileOffset, fileOffset + length)} into {@code target} at {@code at}. */
    static void fill(byte[] target, int at, long fileOffset, int length) {
        while (length > 0) {
            int from = (int) (fileOffset % BLOCK.length);
            int n = Math.min(length, BLOCK.length - from);
            System.arraycopy(BLOCK, from, target, at, n);
            at += n;
            fileOffset += n;
            length -= n;
        }
    }
}
