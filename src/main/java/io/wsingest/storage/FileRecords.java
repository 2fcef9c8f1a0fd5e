package io.wsingest.storage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The database half of {@link FileCatalog}: each method is its own transaction, committed before the catalogue
 * releases its per-blob lock, so reference counts and the bytes on disk never disagree on this node.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
class FileRecords {

    @PersistenceContext
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    StoredFile record(StoredBlob blob, NewFile file) {
        Instant now = clock.instant();
        BlobRecord record = em.find(BlobRecord.class, blob.sha256());
        if (record == null) {
            record = new BlobRecord(blob.sha256(), blob.size(), now);
            em.persist(record);
        }
        record.retain();
        StoredFile stored = new StoredFile(UUID.randomUUID().toString(), blob.sha256(), blob.size(),
                file.fileName(), file.ownerId(), file.projectId(), file.source(), now);
        em.persist(stored);
        return stored;
    }

    boolean remove(String fileId) {
        StoredFile file = em.find(StoredFile.class, fileId);
        if (file == null) {
            return false;
        }
        em.remove(file);
        em.find(BlobRecord.class, file.getSha256()).release(clock.instant());
        return true;
    }

    List<String> releasedBefore(Instant cutoff, int limit) {
        return em.createQuery("select b.sha256 from BlobRecord b where b.refCount = 0 and b.releasedAt < :cutoff",
                        String.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Deletes the blob's row if nothing refers to it any more; true when it did. */
    boolean forgetIfUnreferenced(String sha256) {
        return em.createQuery("delete from BlobRecord b where b.sha256 = :sha and b.refCount = 0")
                .setParameter("sha", sha256)
                .executeUpdate() == 1;
    }
}
