package io.wsingest.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.wsingest.concurrency.StripedLocks;
import io.wsingest.database.Aggregates;

/**
 * Where every protocol stores its finished files: the bytes go into the content-addressed {@link BlobStore} (stored
 * once however often they are uploaded), and a {@link StoredFile} records who stored them, where and under which
 * name. Bytes are moved, never copied, when they arrive as a spool file.
 */
@ApplicationScoped
public class FileCatalog {

    @Inject
    BlobStore blobs;

    @Inject
    FileRecords records;

    @PersistenceContext
    EntityManager em;

    // Two stores of the same new content would both make its row: on this node they take turns. Taken before the
    // blob store's own lock (in adopt), never after it.
    private final StripedLocks sameContent = new StripedLocks(64);

    /** Stores a finished spool file (consumed by this call), releasing its quota once the file is recorded. */
    public StoredFile store(SpoolFile spool, NewFile file) throws IOException {
        try {
            return record(spool.sha256(), spool.length(), () -> blobs.adopt(spool), file);
        } finally {
            // After the file is recorded (committed), never before: see UserQuota.
            spool.releaseQuota();
        }
    }

    /** Stores content read from a stream, spooled to disk on the way (never held in memory). */
    public StoredFile store(InputStream content, NewFile file) throws IOException {
        SpoolFile spool = blobs.createTransientSpool("import");
        try {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = content.read(buffer)) != -1; ) {
                spool.append(ByteBuffer.wrap(buffer, 0, n));
            }
            spool.force();
        } catch (IOException | RuntimeException e) {
            spool.discard();
            throw e;
        }
        return store(spool, file);
    }

    public Optional<StoredFile> find(String fileId) {
        return Optional.ofNullable(em.find(StoredFile.class, fileId));
    }

    /** The owner's stored file with this content, if they stored it through any protocol. */
    public Optional<StoredFile> findOwned(String ownerId, String sha256) {
        return em.createQuery("select f from StoredFile f where f.ownerId = :owner and f.sha256 = :sha order by f.createdAt",
                        StoredFile.class)
                .setParameter("owner", ownerId)
                .setParameter("sha", sha256)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    public List<StoredFile> listByOwner(String ownerId) {
        return em.createQuery("select f from StoredFile f where f.ownerId = :owner order by f.createdAt desc",
                        StoredFile.class)
                .setParameter("owner", ownerId)
                .getResultList();
    }

    /** The total size of the owner's stored files, whichever protocol brought them (for {@link UserQuota}). */
    public long totalSize(String ownerId) {
        return Aggregates.sum(em.createQuery("select sum(f.size) from StoredFile f where f.ownerId = :owner")
                .setParameter("owner", ownerId));
    }

    public List<StoredFile> listByProject(String projectId) {
        return em.createQuery("select f from StoredFile f where f.projectId = :project order by f.createdAt desc",
                        StoredFile.class)
                .setParameter("project", projectId)
                .getResultList();
    }

    /** Deletes the record; the bytes go when no other record refers to them (see {@link BlobCollector}). */
    public boolean delete(String fileId) {
        return records.remove(fileId);
    }

    /**
     * Records another file with the same content as an existing one, without touching the bytes: the blob gains a
     * reference, so it stays while either file does.
     *
     * @throws NoSuchFileException if the store no longer holds the content (the other file was deleted meanwhile)
     */
    public StoredFile storeCopyOf(StoredFile existing, NewFile file) throws IOException {
        String sha256 = existing.getSha256();
        return record(sha256, existing.getSize(), () -> {
            if (blobs.find(sha256).isEmpty()) {
                throw new NoSuchFileException(sha256);
            }
        }, file);
    }

    private StoredFile record(String sha256, long size, FileRecords.BytesStep placeBytes, NewFile file)
            throws IOException {
        synchronized (sameContent.forKey(sha256)) {
            return records.record(sha256, size, placeBytes, file);
        }
    }

    /**
     * Forgets a blob no file has referred to since before {@code cutoff} and deletes its bytes, unless a store (on any
     * node) revives it first; true when it did. Safe on every node at once.
     */
    public boolean forgetIfUnreferenced(String sha256, Instant cutoff) throws IOException {
        return records.forgetUnreferenced(sha256, cutoff, () -> blobs.delete(sha256));
    }

    /** Blobs no file has referred to since before {@code cutoff}, at most {@code limit}. */
    public List<String> unreferencedSince(Instant cutoff, int limit) {
        return records.releasedBefore(cutoff, limit);
    }
}
