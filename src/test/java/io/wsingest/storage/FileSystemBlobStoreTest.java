package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemBlobStoreTest {

    private static final int THREADS = 8;

    @TempDir
    Path root;

    private FileSystemBlobStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = open(root);
    }

    private static FileSystemBlobStore open(Path root) throws IOException {
        return new FileSystemBlobStore(new StorageSettings(root, 0, Duration.ZERO, Duration.ofDays(1),
                Long.MAX_VALUE, Duration.ofMinutes(5)));
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha256(byte[] bytes) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(bytes);
        return Sha256.hex(digest);
    }

    private StoredBlob store(byte[] content) throws IOException {
        return store.store(new ByteArrayInputStream(content));
    }

    private static byte[] read(BlobStore store, String sha256) throws IOException {
        try (InputStream in = Channels.newInputStream(store.open(sha256))) {
            return in.readAllBytes();
        }
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private List<Path> filesUnder(String dir) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve(dir))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void storesIdenticalContentOnce() throws IOException {
        StoredBlob first = store(ascii("same bytes"));
        StoredBlob second = store(ascii("same bytes"));

        assertTrue(first.newlyStored());
        assertFalse(second.newlyStored());
        assertEquals(first.sha256(), second.sha256());
        assertEquals(1, filesUnder("blobs").size());
        assertEquals(List.of(), filesUnder("tmp"));
    }

    @Test
    void storesDifferentContentAsSeparateBlobs() throws IOException {
        StoredBlob a = store(ascii("content a"));
        StoredBlob b = store(ascii("content b"));

        assertTrue(a.newlyStored() && b.newlyStored());
        assertEquals(2, filesUnder("blobs").size());
        assertArrayEquals(ascii("content a"), read(store, a.sha256()));
        assertArrayEquals(ascii("content b"), read(store, b.sha256()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, 5 * 1024 * 1024 + 3})
    void reportsHashAndSizeOfTheContent(int size) throws IOException {
        byte[] content = randomBytes(size, size);

        StoredBlob stored = store(content);

        assertEquals(sha256(content), stored.sha256());
        assertEquals(size, stored.size());
        assertEquals(Optional.of(new BlobInfo(stored.sha256(), size)), store.find(stored.sha256()));
        assertArrayEquals(content, read(store, stored.sha256()));
    }

    @Test
    void spreadsBlobsOverDirectoriesNamedByHashPrefix() throws IOException {
        String sha = store(ascii("abc")).sha256();

        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha);
        assertTrue(Files.isRegularFile(root.resolve("blobs/ba/78/" + sha)));
    }

    @Test
    void interruptedWriteLeavesNoBlobAndNoTempFile() throws IOException {
        byte[] content = randomBytes(300_000, 1);
        InputStream failsMidway = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position == 200_000) {
                    throw new IOException("connection lost");
                }
                return content[position++] & 0xff;
            }
        };

        IOException e = assertThrows(IOException.class, () -> store.store(failsMidway));

        assertEquals("connection lost", e.getMessage());
        assertEquals(List.of(), filesUnder("blobs"));
        assertEquals(List.of(), filesUnder("tmp"));
        assertEquals(Optional.empty(), store.find(sha256(content)));
    }

    @Test
    void deletesWhatCrashesLeftOnceUnwrittenSinceTheCutoffButNeverResumableSpools() throws IOException {
        Instant now = Instant.now();
        Path oldTemp = Files.writeString(root.resolve("tmp/store-1.tmp"), "half-stored before a crash");
        Path newTemp = Files.writeString(root.resolve("tmp/store-2.tmp"), "being stored right now");
        String oldTransient;
        String newTransient;
        try (SpoolFile abandoned = store.createTransientSpool("galileo");
             SpoolFile live = store.createTransientSpool("galileo");
             SpoolFile resumable = store.createSpool("upload-1")) {
            oldTransient = abandoned.path().getFileName().toString();
            newTransient = live.path().getFileName().toString();
            resumable.append(ByteBuffer.wrap(ascii("resumable")));
        }
        for (Path old : List.of(oldTemp, root.resolve("spool").resolve(oldTransient), root.resolve("spool/upload-1"))) {
            Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofDays(2))));
        }

        int deleted = open(root).deleteAbandoned(now.minus(Duration.ofDays(1)));

        assertEquals(2, deleted);
        assertEquals(List.of(newTemp), filesUnder("tmp"));
        assertEquals(List.of(newTransient, "upload-1").stream().sorted().toList(), store.spoolNames());
        assertTrue(newTransient.startsWith("transient-galileo-"), newTransient);
    }

    @Test
    void openingTheStoreLeavesFilesInProgressAlone() throws IOException {
        Files.writeString(root.resolve("tmp/store-123.tmp"), "another node may be writing this");
        try (SpoolFile spool = store.createTransientSpool("uploadapi")) {
            spool.append(ByteBuffer.wrap(ascii("streaming")));
        }

        open(root);

        assertEquals(List.of(root.resolve("tmp/store-123.tmp")), filesUnder("tmp"));
        assertEquals(1, store.spoolNames().size());
    }

    @Test
    void keepsBlobsAcrossRestart() throws IOException {
        StoredBlob stored = store(ascii("durable"));

        FileSystemBlobStore reopened = open(root);

        assertEquals(Optional.of(new BlobInfo(stored.sha256(), 7)), reopened.find(stored.sha256()));
        assertFalse(reopened.store(new ByteArrayInputStream(ascii("durable"))).newlyStored());
        assertArrayEquals(ascii("durable"), read(reopened, stored.sha256()));
    }

    @Test
    void adoptMovesTheSpoolFileIntoTheStoreWithoutCopying() throws IOException {
        byte[] content = randomBytes(3 * 1024 * 1024, 2);
        SpoolFile spool = store.createSpool("upload-2");
        spool.append(ByteBuffer.wrap(content, 0, 1000));
        spool.append(ByteBuffer.wrap(content, 1000, content.length - 1000));
        Object spoolFileKey = fileKey(root.resolve("spool/upload-2"));

        StoredBlob stored = store.adopt(spool);

        assertEquals(new StoredBlob(sha256(content), content.length, true), stored);
        assertEquals(List.of(), store.spoolNames());
        // Same file (device and inode): renamed, not copied.
        assertEquals(spoolFileKey, fileKey(filesUnder("blobs").get(0)));
        assertArrayEquals(content, read(store, stored.sha256()));
    }

    @Test
    void adoptOfContentAlreadyStoredDeletesTheSpoolFile() throws IOException {
        StoredBlob existing = store(ascii("already here"));
        SpoolFile spool = store.createSpool("upload-3");
        spool.append(ByteBuffer.wrap(ascii("already here")));

        StoredBlob adopted = store.adopt(spool);

        assertEquals(new StoredBlob(existing.sha256(), existing.size(), false), adopted);
        assertEquals(List.of(), store.spoolNames());
        assertEquals(1, filesUnder("blobs").size());
    }

    @Test
    void adoptRejectsAClosedSpoolAndKeepsIt() throws IOException {
        SpoolFile spool = store.createSpool("upload-4");
        spool.append(ByteBuffer.wrap(ascii("abc")));
        spool.close();

        assertThrows(IllegalStateException.class, () -> store.adopt(spool));
        assertEquals(List.of("upload-4"), store.spoolNames());
    }

    @Test
    void adoptRejectsASpoolOfAnotherStore() throws IOException {
        FileSystemBlobStore other = open(root.resolve("other"));
        try (SpoolFile foreign = other.createSpool("upload-5")) {
            assertThrows(IllegalArgumentException.class, () -> store.adopt(foreign));
        }
    }

    @Test
    void reopenSpoolCutsBackToTheDurableLengthAndContinuesTheHash() throws IOException {
        try (SpoolFile spool = store.createSpool("upload-6")) {
            spool.append(ByteBuffer.wrap(ascii("hello ")));
            spool.force();
            // Received but never made durable nor acknowledged: the client sends it again.
            spool.append(ByteBuffer.wrap(ascii("wor")));
        }

        SpoolFile resumed = store.reopenSpool("upload-6", 6).orElseThrow();
        assertEquals(6, resumed.length());
        assertEquals(sha256(ascii("hello ")), resumed.sha256());
        resumed.append(ByteBuffer.wrap(ascii("world")));
        StoredBlob stored = store.adopt(resumed);

        assertEquals(new StoredBlob(sha256(ascii("hello world")), 11, true), stored);
        assertArrayEquals(ascii("hello world"), read(store, stored.sha256()));
    }

    @Test
    void reopenSpoolRebuildsTheHashOfALargePrefix() throws IOException {
        byte[] content = randomBytes(5 * 1024 * 1024 + 17, 3);
        try (SpoolFile spool = store.createSpool("upload-7")) {
            spool.append(ByteBuffer.wrap(content));
        }

        try (SpoolFile resumed = store.reopenSpool("upload-7", content.length).orElseThrow()) {
            assertEquals(sha256(content), resumed.sha256());
        }
    }

    @Test
    void reopenSpoolOfAMissingOrTooShortSpoolIsEmpty() throws IOException {
        try (SpoolFile spool = store.createSpool("upload-8")) {
            spool.append(ByteBuffer.wrap(ascii("short")));
        }

        assertEquals(Optional.empty(), store.reopenSpool("never-created", 0));
        assertEquals(Optional.empty(), store.reopenSpool("upload-8", 6));
        assertEquals("short", Files.readString(root.resolve("spool/upload-8")));
        assertThrows(IllegalArgumentException.class, () -> store.reopenSpool("upload-8", -1));
    }

    @Test
    void listsAndDeletesSpoolFilesForTheCleaner() throws IOException {
        store.createSpool("b-upload").close();
        store.createSpool("a-upload").close();

        assertEquals(List.of("a-upload", "b-upload"), store.spoolNames());

        store.deleteSpool("a-upload");
        store.deleteSpool("a-upload");

        assertEquals(List.of("b-upload"), store.spoolNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a..b", "../blobs", "a/b", "a\\b", "name with space", "ünïcode"})
    void rejectsInvalidSpoolNames(String name) {
        assertThrows(IllegalArgumentException.class, () -> store.createSpool(name));
        assertThrows(IllegalArgumentException.class, () -> store.reopenSpool(name, 0));
        assertThrows(IllegalArgumentException.class, () -> store.deleteSpool(name));
    }

    @Test
    void acceptsSpoolNamesOfUpTo100LettersDigitsDotsDashesAndUnderscores() throws IOException {
        String longest = "a".repeat(100);
        store.createSpool("Upload_1.part-2").close();
        store.createSpool(longest).close();

        assertEquals(List.of("Upload_1.part-2", longest), store.spoolNames());
        assertThrows(IllegalArgumentException.class, () -> store.createSpool(longest + "a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "../../etc/passwd",
            "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a"})
    void rejectsInvalidBlobIds(String id) {
        assertThrows(IllegalArgumentException.class, () -> store.find(id));
        assertThrows(IllegalArgumentException.class, () -> store.open(id));
        assertThrows(IllegalArgumentException.class, () -> store.delete(id));
    }

    @Test
    void missingBlobIsNotFoundAndCannotBeOpened() throws IOException {
        String absent = sha256(ascii("never stored"));

        assertEquals(Optional.empty(), store.find(absent));
        assertThrows(NoSuchFileException.class, () -> store.open(absent));
    }

    @Test
    void deletingIsIdempotent() throws IOException {
        String sha = store(ascii("short-lived")).sha256();

        assertTrue(store.delete(sha));
        assertFalse(store.delete(sha));
        assertEquals(Optional.empty(), store.find(sha));
        assertTrue(store(ascii("short-lived")).newlyStored());
    }

    @Test
    void openedBlobCanBeReadFromAnyPositionForRangeRequests() throws IOException {
        byte[] content = randomBytes(100_000, 4);
        String sha = store(content).sha256();

        try (SeekableByteChannel channel = store.open(sha)) {
            assertEquals(content.length, channel.size());
            ByteBuffer range = ByteBuffer.allocate(100);
            channel.position(70_000).read(range);

            assertArrayEquals(Arrays.copyOfRange(content, 70_000, 70_100), range.array());
            assertEquals(70_100, channel.position());
        }
    }

    @Test
    void concurrentStoresOfTheSameContentLeaveOneBlob() throws Exception {
        byte[] content = randomBytes(1024 * 1024, 5);

        List<StoredBlob> results = concurrently(() -> store(content));

        assertEquals(1, results.stream().filter(StoredBlob::newlyStored).count());
        assertTrue(results.stream().allMatch(r -> r.sha256().equals(sha256(content))));
        assertEquals(1, filesUnder("blobs").size());
        assertEquals(List.of(), filesUnder("tmp"));
    }

    @Test
    void concurrentAdoptsOfTheSameContentLeaveOneBlob() throws Exception {
        byte[] content = randomBytes(1024 * 1024, 6);
        Queue<SpoolFile> spools = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < THREADS; i++) {
            SpoolFile spool = store.createSpool("upload-" + i);
            spool.append(ByteBuffer.wrap(content));
            spools.add(spool);
        }

        List<StoredBlob> results = concurrently(() -> store.adopt(spools.remove()));

        assertEquals(1, results.stream().filter(StoredBlob::newlyStored).count());
        assertEquals(1, filesUnder("blobs").size());
        assertEquals(List.of(), store.spoolNames());
    }

    @Test
    void refusesNewDataWhenTheMinimumFreeSpaceExceedsTheDisk() throws IOException {
        FileSystemBlobStore full = new FileSystemBlobStore(new StorageSettings(root, Long.MAX_VALUE, Duration.ZERO,
                Duration.ofDays(1), Long.MAX_VALUE, Duration.ofMinutes(5)));

        assertThrows(StorageFullException.class, () -> full.store(new ByteArrayInputStream(ascii("abc"))));
        assertThrows(StorageFullException.class, () -> full.createSpool("upload-9"));
        assertEquals(List.of(), filesUnder("tmp"));
        assertEquals(List.of(), full.spoolNames());
        assertTrue(full.usableSpace() > 0);
    }

    /** Runs the task on several threads released at the same moment; every run must succeed. */
    private static <T> List<T> concurrently(Callable<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
