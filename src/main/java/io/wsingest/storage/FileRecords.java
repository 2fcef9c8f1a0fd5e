package io.wsingest.storage;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The database half of {@link FileCatalog}: each method is its own transaction. A blob's row is the lock every node
 * takes ({@code PESSIMISTIC_WRITE}) to count a reference, drop one, or forget the blob and delete its bytes, and the
 * bytes are put in place or deleted while it is held: so a store of the same content on any node can never lose its
 * bytes to the collector of another, and no count is lost to a concurrent change.
 */
@ApplicationScoped
@Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = IOException.class)
class FileRecords {

    /** What is done to a blob's bytes while its row is locked. */
    @FunctionalInterface
    interface BytesStep {
        void run() throws IOException;
    }

    @PersistenceContext
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /**
     * Creates the blob's row, unreferenced, if it has none, so that there is a row to lock. Two nodes creating it at
     * once: one of them fails on the primary key and tries again.
     */
    void ensureBlob(String sha256, long size) {
        if (em.find(BlobRecord.class, sha256) == null) {
            em.persist(BlobRecord.unreferenced(sha256, size, clock.instant()));
            em.flush();
        }
    }

    /**
     * Under the blob row's lock: puts the bytes in place ({@code placeBytes}) and records the file, a new reference.
     * Empty, with nothing done, when the blob has no row (the collector forgot it since {@link #ensureBlob}).
     */
    Optional<StoredFile> record(String sha256, long size, BytesStep placeBytes, NewFile file) throws IOException {
        BlobRecord blob = em.find(BlobRecord.class, sha256, LockModeType.PESSIMISTIC_WRITE);
        if (blob == null) {
            return Optional.empty();
        }
        placeBytes.run();
        blob.retain();
        StoredFile stored = new StoredFile(UUID.randomUUID().toString(), sha256, size, file.fileName(),
                file.ownerId(), file.projectId(), file.source(), clock.instant());
        em.persist(stored);
        return Optional.of(stored);
    }

    boolean remove(String fileId) {
        StoredFile file = em.find(StoredFile.class, fileId);
        if (file == null) {
            return false;
        }
        em.remove(file);
        em.find(BlobRecord.class, file.getSha256(), LockModeType.PESSIMISTIC_WRITE).release(clock.instant());
        return true;
    }

    List<String> releasedBefore(Instant cutoff, int limit) {
        return em.createQuery("select b.sha256 from BlobRecord b where b.refCount = 0 and b.releasedAt < :cutoff",
                        String.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Under the blob row's lock: if nothing has referred to the blob since before {@code cutoff}, deletes its bytes
     * ({@code deleteBytes}) and then its row; true when it did. Bytes deleted but a row that stays (the commit failed)
     * do no harm: the next store of that content puts bytes in place again, the next collection forgets the row.
     */
    boolean forgetUnreferenced(String sha256, Instant cutoff, BytesStep deleteBytes) throws IOException {
        BlobRecord blob = em.find(BlobRecord.class, sha256, LockModeType.PESSIMISTIC_WRITE);
        if (blob == null || !blob.unreferencedSince(cutoff)) {
            return false;
        }
        deleteBytes.run();
        em.remove(blob);
        return true;
    }
}
