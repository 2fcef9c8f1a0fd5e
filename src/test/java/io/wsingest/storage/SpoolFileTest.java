package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolFileTest {

    private static final long PLENTY = Long.MAX_VALUE;

    @TempDir
    Path dir;

    private static FreeSpaceGuard unlimited() {
        return new FreeSpaceGuard(new DiskReserve(() -> PLENTY, 0));
    }

    private static String sha256(byte[] bytes) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(bytes);
        return Sha256.hex(digest);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void appendsAndHashesExactlyTheRemainingBytesOfAnyBuffer() throws Exception {
        Path file = dir.resolve("upload-1");
        ByteBuffer heapSlice = ByteBuffer.wrap(ascii("xxhello yy")).position(2).limit(8);
        ByteBuffer direct = ByteBuffer.allocateDirect(16).put(ascii("big ")).flip();
        ByteBuffer readOnly = ByteBuffer.wrap(ascii("world")).asReadOnlyBuffer();

        try (SpoolFile spool = SpoolFile.create(file, unlimited())) {
            spool.append(heapSlice);
            spool.append(direct);
            spool.append(readOnly);

            assertFalse(heapSlice.hasRemaining() || direct.hasRemaining() || readOnly.hasRemaining());
            assertEquals(15, spool.length());
            assertEquals(sha256(ascii("hello big world")), spool.sha256());
        }
        assertArrayEquals(ascii("hello big world"), Files.readAllBytes(file));
    }

    @Test
    void readingTheHashDoesNotDisturbTheRunningHash() throws Exception {
        try (SpoolFile spool = SpoolFile.create(dir.resolve("upload-2"), unlimited())) {
            spool.append(ByteBuffer.wrap(ascii("abc")));
            assertEquals(sha256(ascii("abc")), spool.sha256());
            assertEquals(sha256(ascii("abc")), spool.sha256());

            spool.append(ByteBuffer.wrap(ascii("def")));
            spool.force();

            assertEquals(sha256(ascii("abcdef")), spool.sha256());
            assertEquals("upload-2", spool.name());
        }
    }

    @Test
    void readsBackWhatWasAppendedWhileAppendingContinues() throws Exception {
        try (SpoolFile spool = SpoolFile.create(dir.resolve("upload-read"), unlimited())) {
            spool.append(ByteBuffer.wrap(ascii("abc")));
            try (InputStream in = spool.newInputStream()) {
                assertArrayEquals(ascii("abc"), in.readAllBytes());
            }

            spool.append(ByteBuffer.wrap(ascii("def")));

            assertEquals(6, spool.length());
            try (InputStream in = spool.newInputStream()) {
                assertArrayEquals(ascii("abcdef"), in.readAllBytes());
            }
        }
    }

    @Test
    void closeKeepsTheFileAndDiscardDeletesIt() throws Exception {
        Path kept = dir.resolve("kept");
        SpoolFile spool = SpoolFile.create(kept, unlimited());
        spool.append(ByteBuffer.wrap(ascii("abc")));
        spool.close();

        assertTrue(Files.exists(kept));
        assertThrows(ClosedChannelException.class, () -> spool.append(ByteBuffer.wrap(ascii("d"))));

        Path discarded = dir.resolve("discarded");
        SpoolFile abandoned = SpoolFile.create(discarded, unlimited());
        abandoned.append(ByteBuffer.wrap(ascii("abc")));
        abandoned.discard();

        assertFalse(Files.exists(discarded));
    }

    @Test
    void aCheckpointRecordsTheOffsetAndReturnsWhatTheRecordSays() throws Exception {
        try (SpoolFile spool = SpoolFile.create(dir.resolve("upload-checkpoint"), unlimited())) {
            spool.append(ByteBuffer.wrap(ascii("abcdef")));

            String recorded = spool.checkpoint(4, offset -> "recorded " + offset);

            assertEquals("recorded 4", recorded);
            assertEquals(6, spool.length(), "a checkpoint does not cut what was appended after the offset");
        }
    }

    @Test
    void aCheckpointRecordsNothingWhenTheBytesCannotBeForced() throws Exception {
        SpoolFile spool = SpoolFile.create(dir.resolve("upload-unforced"), unlimited());
        spool.append(ByteBuffer.wrap(ascii("abc")));
        spool.close();
        List<Long> recorded = new ArrayList<>();

        assertThrows(ClosedChannelException.class, () -> spool.checkpoint(3, recorded::add));

        assertEquals(List.of(), recorded);
    }

    @Test
    void refusesToCreateOverAnExistingSpoolFile() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "partial upload");

        assertThrows(FileAlreadyExistsException.class, () -> SpoolFile.create(file, unlimited()));
        assertEquals("partial upload", Files.readString(file));
    }

    @Test
    void appendIsRefusedOnceTheMinimumFreeSpaceWouldBeCrossed() throws Exception {
        Path file = dir.resolve("upload-3");
        // A simulated disk with 2 KiB above the minimum before this file was written.
        FreeSpaceGuard twoKibHeadroom = new FreeSpaceGuard(new DiskReserve(
                () -> 10_000 + 2048 - (Files.exists(file) ? Files.size(file) : 0), 10_000));

        try (SpoolFile spool = SpoolFile.create(file, twoKibHeadroom)) {
            spool.append(ByteBuffer.allocate(2048));

            ByteBuffer more = ByteBuffer.allocate(1);
            assertThrows(StorageFullException.class, () -> spool.append(more));
            assertEquals(2048, spool.length());
            assertEquals(1, more.remaining());
        }
    }
}
