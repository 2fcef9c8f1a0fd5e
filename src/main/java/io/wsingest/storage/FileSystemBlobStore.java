package io.wsingest.storage;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.wsingest.concurrency.StripedLocks;

/**
 * A {@link BlobStore} in a directory on local disk:
 * <ul>
 * <li>{@code blobs/<first 2 hex>/<next 2 hex>/<sha256>} — the blobs, spread over directories to keep each small;</li>
 * <li>{@code tmp/} — content being {@linkplain #store stored}, renamed into {@code blobs/} once complete;</li>
 * <li>{@code spool/} — {@link SpoolFile}s of uploads in progress, kept across restarts for resumable uploads;
 * transient ones (one connection's upload) are named {@code transient-…}.</li>
 * </ul>
 * All three are under one root, so a rename is atomic and a blob is either complete or absent. A file is fsynced
 * before it is renamed and its directory after, so a stored blob survives a crash.
 *
 * <p>Use one instance per root directory. What a crash leaves in {@code tmp/} and transient spool files are removed
 * by age ({@link #deleteAbandoned}), never at start-up: on a cluster another node may be writing them right now.
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final Pattern SPOOL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final int COPY_BUFFER_BYTES = 64 * 1024;
    private static final String TRANSIENT_PREFIX = "transient-";
    private final Path blobsDir;
    private final Path tmpDir;
    private final Path spoolDir;
    private final FileStore fileStore;
    private final DiskReserve diskReserve;
    // The existence check and rename for one hash happen under its lock, so concurrent stores of the same content
    // agree on which of them stored it, and a delete cannot interleave.
    private final StripedLocks locks = new StripedLocks(64);

    /** Opens the store at {@link StorageSettings#dir()}, creating its directories. */
    public FileSystemBlobStore(StorageSettings settings) throws IOException {
        Path root = settings.dir().toAbsolutePath();
        this.blobsDir = Files.createDirectories(root.resolve("blobs"));
        this.tmpDir = Files.createDirectories(root.resolve("tmp"));
        this.spoolDir = Files.createDirectories(root.resolve("spool"));
        this.fileStore = Files.getFileStore(root);
        this.diskReserve = new DiskReserve(fileStore::getUsableSpace, settings.minFreeBytes());
    }

    @Override
    public StoredBlob store(InputStream content) throws IOException {
        FreeSpaceGuard freeSpace = newFreeSpaceGuard();
        freeSpace.reserve(0);
        Path temp = Files.createTempFile(tmpDir, "store-", ".tmp");
        try {
            MessageDigest digest = Sha256.newDigest();
            long size = 0;
            try (FileChannel out = FileChannel.open(temp, WRITE)) {
                byte[] buffer = new byte[COPY_BUFFER_BYTES];
                for (int read; (read = content.read(buffer)) != -1; ) {
                    freeSpace.reserve(read);
                    digest.update(buffer, 0, read);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    size += read;
                }
                out.force(true);
            }
            return install(temp, Sha256.hex(digest), size);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                t.addSuppressed(e);
            }
            throw t;
        } finally {
            freeSpace.release();
        }
    }

    @Override
    public StoredBlob adopt(SpoolFile spool) throws IOException {
        if (!spool.path().getParent().equals(spoolDir)) {
            throw new IllegalArgumentException("Spool file " + spool.name() + " belongs to another store");
        }
        spool.seal();
        return install(spool.path(), spool.sha256(), spool.length());
    }

    @Override
    public Optional<BlobInfo> find(String sha256) throws IOException {
        Path blob = blobPath(sha256);
        try {
            return Optional.of(new BlobInfo(sha256, Files.size(blob)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public SeekableByteChannel open(String sha256) throws IOException {
        return FileChannel.open(blobPath(sha256), READ);
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        Path blob = blobPath(sha256);
        synchronized (locks.forKey(sha256)) {
            if (!Files.deleteIfExists(blob)) {
                return false;
            }
            fsyncDirectory(blob.getParent());
            return true;
        }
    }

    @Override
    public long usableSpace() throws IOException {
        return fileStore.getUsableSpace();
    }

    @Override
    public void checkWritable() throws IOException {
        // In tmp/, where a crash's leftovers are cleaned up anyway.
        Path probe = Files.createTempFile(tmpDir, "health-", ".tmp");
        try (FileChannel channel = FileChannel.open(probe, WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {1}));
            channel.force(true);
        } finally {
            Files.delete(probe);
        }
    }

    @Override
    public SpoolFile createSpool(String name) throws IOException {
        SpoolFile created = SpoolFile.create(spoolPath(name), newFreeSpaceGuard());
        // A resumable upload must find its spool file again after a crash.
        fsyncDirectory(spoolDir);
        return created;
    }

    @Override
    public SpoolFile createTransientSpool(String purpose) throws IOException {
        // No directory fsync: nothing looks for this file after a crash.
        return SpoolFile.create(spoolPath(TRANSIENT_PREFIX + purpose + "-" + UUID.randomUUID()),
                newFreeSpaceGuard());
    }

    @Override
    public int deleteAbandoned(Instant cutoff) throws IOException {
        int deleted = 0;
        for (Path file : listFiles(tmpDir)) {
            deleted += deleteIfUntouchedSince(file, cutoff);
        }
        for (Path file : listFiles(spoolDir)) {
            if (file.getFileName().toString().startsWith(TRANSIENT_PREFIX)) {
                deleted += deleteIfUntouchedSince(file, cutoff);
            }
        }
        return deleted;
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static int deleteIfUntouchedSince(Path file, Instant cutoff) throws IOException {
        try {
            if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                return 1;
            }
        } catch (NoSuchFileException e) {
            // Finished and moved or deleted by its upload meanwhile.
        }
        return 0;
    }

    @Override
    public Optional<SpoolFile> reopenSpool(String name, long durableLength) throws IOException {
        if (durableLength < 0) {
            throw new IllegalArgumentException("Durable length must not be negative: " + durableLength);
        }
        return SpoolFile.reopen(spoolPath(name), durableLength, newFreeSpaceGuard());
    }

    @Override
    public void deleteSpool(String name) throws IOException {
        Files.deleteIfExists(spoolPath(name));
    }

    @Override
    public List<String> spoolNames() throws IOException {
        return listFiles(spoolDir).stream().map(file -> file.getFileName().toString()).sorted().toList();
    }

    /** Renames a complete, fsynced file into place as the blob, or deletes it if the blob already exists. */
    private StoredBlob install(Path source, String sha256, long size) throws IOException {
        Path blob = blobPath(sha256);
        synchronized (locks.forKey(sha256)) {
            if (Files.exists(blob)) {
                Files.delete(source);
                return new StoredBlob(sha256, size, false);
            }
            createParentDirectories(blob);
            Files.move(source, blob, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(blob.getParent());
            return new StoredBlob(sha256, size, true);
        }
    }

    private void createParentDirectories(Path blob) throws IOException {
        Path second = blob.getParent();
        if (Files.isDirectory(second)) {
            return;
        }
        Path first = second.getParent();
        if (createDirectory(first)) {
            fsyncDirectory(blobsDir);
        }
        if (createDirectory(second)) {
            fsyncDirectory(first);
        }
    }

    private static boolean createDirectory(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException e) {
            // Created meanwhile for a blob with the same prefix.
            return false;
        }
    }

    /** Makes a rename, creation or deletion in the directory durable. */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems (and Windows) cannot open or sync a directory; the rename is atomic regardless.
        }
    }

    private FreeSpaceGuard newFreeSpaceGuard() {
        return new FreeSpaceGuard(diskReserve);
    }

    private Path blobPath(String sha256) {
        if (!Sha256.isHex(sha256)) {
            throw new IllegalArgumentException("Invalid blob id: must be 64 lower-case hex characters");
        }
        return blobsDir.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private Path spoolPath(String name) {
        if (name == null || !SPOOL_NAME.matcher(name).matches() || name.equals(".") || name.contains("..")) {
            // The name is not echoed: it may come from a client.
            throw new IllegalArgumentException(
                    "Invalid spool name: must be 1 to 100 of A-Z, a-z, 0-9, '.', '_', '-' and not contain '..'");
        }
        return spoolDir.resolve(name);
    }
}
