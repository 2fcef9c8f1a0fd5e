package io.wsingest.storage;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * One upload in progress: an append-only file in the store's spool directory with a running SHA-256 of everything
 * appended. Every protocol writes uploads this way; when the upload is complete, {@link BlobStore#adopt} moves the
 * file into the store without copying it. A resumable upload records the length it last made durable with
 * {@link #force()} and continues after a reconnect or restart with {@link BlobStore#reopenSpool}.
 *
 * <p>Not thread-safe: the one connection that owns an upload owns its spool file. After an {@link IOException} from
 * {@link #append}, {@link #length()} and {@link #sha256()} still describe exactly the bytes that reached the file,
 * but the caller should discard the spool or reopen it from its durable length.
 */
public final class SpoolFile implements AutoCloseable {

    private static final int REHASH_BUFFER_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final MessageDigest digest;
    private final FreeSpaceGuard freeSpace;
    private UserQuota.Reservation quota;
    private long length;

    private SpoolFile(Path path, FileChannel channel, MessageDigest digest, long length, FreeSpaceGuard freeSpace) {
        this.path = path;
        this.channel = channel;
        this.digest = digest;
        this.length = length;
        this.freeSpace = freeSpace;
    }

    /** Creates a new, empty spool file; fails if the file already exists. */
    static SpoolFile create(Path path, FreeSpaceGuard freeSpace) throws IOException {
        freeSpace.reserve(0);
        return new SpoolFile(path, FileChannel.open(path, CREATE_NEW, WRITE), Sha256.newDigest(), 0, freeSpace);
    }

    /**
     * Reopens a spool file for appending, cut back to {@code durableLength}, with its hash rebuilt by reading that
     * prefix once. Empty if the file is gone or shorter than the durable length.
     */
    static Optional<SpoolFile> reopen(Path path, long durableLength, FreeSpaceGuard freeSpace) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, READ, WRITE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            if (channel.size() < durableLength) {
                channel.close();
                return Optional.empty();
            }
            // Bytes past the durable length were never acknowledged to the client, who sends them again.
            channel.truncate(durableLength);
            MessageDigest digest = Sha256.newDigest();
            ByteBuffer buffer = ByteBuffer.allocate(REHASH_BUFFER_BYTES);
            for (long position = 0; position < durableLength; ) {
                buffer.clear();
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new EOFException("Spool file " + path.getFileName() + " shrank while being reopened");
                }
                digest.update(buffer.flip());
                position += read;
            }
            channel.position(durableLength);
            return Optional.of(new SpoolFile(path, channel, digest, durableLength, freeSpace));
        } catch (Throwable t) {
            closeAfterFailure(channel, t);
            throw t;
        }
    }

    /**
     * Counts every byte appended from now on against a user's quota. The reservation is released when this spool
     * file is closed or discarded, or once {@link FileCatalog} has recorded it as a file (which counts from then on).
     */
    public void chargeTo(UserQuota.Reservation reservation) {
        if (quota != null) {
            throw new IllegalStateException("Spool file " + name() + " is already charged to a quota");
        }
        quota = reservation;
    }

    /**
     * Appends all remaining bytes of {@code data}, consuming it, and adds them to the running hash.
     *
     * @throws StorageFullException   if the bytes would leave less free disk than the configured minimum
     * @throws QuotaExceededException if the bytes do not fit in the quota this spool is {@linkplain #chargeTo charged
     *                                to}
     */
    public void append(ByteBuffer data) throws IOException {
        if (quota != null) {
            quota.charge(data.remaining());
        }
        freeSpace.reserve(data.remaining());
        while (data.hasRemaining()) {
            int from = data.position();
            int written = channel.write(data);
            // Hash exactly the bytes that reached the file, so hash and length agree even if a later write fails.
            digest.update(data.duplicate().position(from).limit(from + written));
            length += written;
        }
    }

    /** Bytes appended so far (including those this spool file was reopened with). */
    public long length() {
        return length;
    }

    /** Makes the appended bytes durable. An fsync is slow: call it in batches (for example per heartbeat). */
    public void force() throws IOException {
        channel.force(false);
    }

    /**
     * Makes the first {@code offset} bytes durable, then hands {@code offset} to {@code record} (the upload's database
     * record) and returns what it returns. A resumable upload records its progress this way, so no offset is recorded,
     * and so neither reported to a client nor resumed from, before its bytes are on disk; if forcing fails, nothing is
     * recorded. The offset must not exceed what was appended before the call; appending may go on meanwhile from the
     * thread that owns this spool file.
     */
    public <R> R checkpoint(long offset, LongFunction<R> record) throws IOException {
        force();
        return record.apply(offset);
    }

    /** The SHA-256 (hex) of everything appended so far; appending may continue afterwards. */
    public String sha256() {
        try {
            return Sha256.hex((MessageDigest) digest.clone());
        } catch (CloneNotSupportedException e) {
            // The JDK's SHA-256 is cloneable; a provider whose digest is not cannot be used here.
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the bytes appended so far from the start, for checking the content before it is stored; appending is not
     * disturbed. The file holds exactly the bytes counted by {@link #length()}. The caller closes the stream.
     */
    public InputStream newInputStream() throws IOException {
        return Channels.newInputStream(FileChannel.open(path, READ));
    }

    /** The name this spool file was created under. */
    public String name() {
        return path.getFileName().toString();
    }

    /** Closes the file and keeps it, so a resumable upload can reopen it later. */
    @Override
    public void close() throws IOException {
        stopWriting();
        channel.close();
    }

    /** Closes and deletes the file: the upload was abandoned. */
    public void discard() throws IOException {
        close();
        Files.deleteIfExists(path);
    }

    Path path() {
        return path;
    }

    /** Makes the content and size durable and closes the file, ready to be renamed into the store. */
    void seal() throws IOException {
        if (!channel.isOpen()) {
            throw new IllegalStateException("Spool file " + name() + " is already closed");
        }
        // The quota stays held until the catalogue has recorded the file (releaseQuota), so that the bytes count
        // throughout.
        freeSpace.release();
        channel.force(true);
        channel.close();
    }

    /** Gives back the quota this spool was charged to. Safe to call more than once. */
    void releaseQuota() {
        if (quota != null) {
            quota.release();
        }
    }

    /** Gives back the free disk and quota this writer held. */
    private void stopWriting() {
        freeSpace.release();
        releaseQuota();
    }

    private static void closeAfterFailure(FileChannel channel, Throwable failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
