package io.wsingest.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Content-addressed storage shared by every upload protocol: a blob's id is the SHA-256 of its bytes, so identical
 * content is stored once. The store holds bytes only; which uploads refer to a blob is kept by a reference-counting
 * catalogue in the database, which decides when a blob is {@linkplain #delete deleted}.
 *
 * <p>Uploads in progress are written to {@link SpoolFile}s on local disk and {@linkplain #adopt adopted} when
 * complete, so an implementation over object storage (S3) keeps the spool methods and uploads the finished spool file.
 *
 * <p>Blob ids must be 64 lower-case hex characters ({@link Sha256#isHex}) and spool names 1 to 100 characters of
 * {@code A-Z a-z 0-9 . _ -} without {@code ..}; anything else is an {@link IllegalArgumentException}.
 * Implementations are thread-safe.
 */
public interface BlobStore {

    /**
     * Stores the content read to its end (the stream is not closed). If the store already holds the same bytes, the
     * new copy is dropped. If reading fails, nothing is stored.
     *
     * @throws StorageFullException if the content would leave less free disk than the configured minimum
     */
    StoredBlob store(InputStream content) throws IOException;

    /**
     * Moves a finished spool file into the store without copying its bytes, using the spool's running hash; if the
     * store already holds the same bytes, the spool file is deleted. The spool is closed and consumed either way.
     * If this fails, the closed spool file is left in place and can be {@linkplain #reopenSpool reopened}.
     *
     * @throws IllegalArgumentException if the spool belongs to another store
     * @throws IllegalStateException    if the spool was already closed
     */
    StoredBlob adopt(SpoolFile spool) throws IOException;

    /** The blob with this id, if the store holds it. */
    Optional<BlobInfo> find(String sha256) throws IOException;

    /**
     * Opens the blob for reading; the channel can {@code position()} for HTTP Range requests.
     *
     * @throws NoSuchFileException if the store does not hold the blob
     */
    SeekableByteChannel open(String sha256) throws IOException;

    /**
     * Deletes the blob; deleting a blob that is not there is not an error. The catalogue calls this once no upload
     * refers to the blob, and must make sure no store or adopt of the same content is counting on it meanwhile (a
     * {@code newlyStored == false} result means the existing blob is being reused).
     *
     * @return whether the blob was there
     */
    boolean delete(String sha256) throws IOException;

    /** Free space the store's file system offers this process, in bytes (not reduced by the configured minimum). */
    long usableSpace() throws IOException;

    /** Writes, syncs and deletes a small file where content is stored, for the health check; throws when it cannot. */
    void checkWritable() throws IOException;

    /**
     * Creates an empty spool file for one upload.
     *
     * @throws java.nio.file.FileAlreadyExistsException if a spool file of that name exists
     * @throws StorageFullException                      if free disk is already below the configured minimum
     */
    SpoolFile createSpool(String name) throws IOException;

    /**
     * Reopens a spool file to resume an upload: the file is cut back to {@code durableLength} (the length last made
     * durable with {@link SpoolFile#force()}) and its hash rebuilt by reading that prefix once. The caller must have
     * closed any earlier {@link SpoolFile} for the same name.
     *
     * @return empty if the spool file is gone or shorter than {@code durableLength}
     */
    Optional<SpoolFile> reopenSpool(String name, long durableLength) throws IOException;

    /**
     * Creates an empty spool file for an upload that cannot be resumed: it lives as long as one connection, which
     * deletes or adopts it. Only a crash leaves one behind, for {@link #deleteAbandoned} to remove.
     *
     * @param purpose a short name of what it is for ({@code galileo}), part of the file's name for operators
     * @throws StorageFullException if free disk is already below the configured minimum
     */
    SpoolFile createTransientSpool(String purpose) throws IOException;

    /**
     * Deletes what crashes left behind: transient spool files and half-stored content nothing has written to since
     * {@code cutoff} (a live upload writes all the time). Resumable spool files are never touched here; their own
     * protocols know which are still wanted.
     *
     * @return how many files were deleted
     */
    int deleteAbandoned(Instant cutoff) throws IOException;

    /** Deletes a spool file that is not open; deleting one that is not there is not an error. */
    void deleteSpool(String name) throws IOException;

    /** The names of all spool files, for a cleaner that removes those no upload refers to any more. */
    List<String> spoolNames() throws IOException;
}
