package io.wsingest.storage;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.wsingest.database.DatabaseProduct;

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

    @Inject
    DatabaseProduct database;

    private final Clock clock = Clock.systemUTC();

    /**
     * Under the blob row's lock: puts the bytes in place ({@code placeBytes}) and records the file, a new reference.
     * The row is found or made and locked in this one transaction, so the collector either forgot the blob before
     * (the row is made again) or finds it referenced when it gets the lock.
     */
    StoredFile record(String sha256, long size, BytesStep placeBytes, NewFile file) throws IOException {
        BlobRecord blob = lockRow(sha256, size);
        placeBytes.run();
        blob.retain();
        StoredFile stored = new StoredFile(UUID.randomUUID().toString(), sha256, size, file.fileName(),
                file.ownerId(), file.projectId(), file.source(), clock.instant());
        em.persist(stored);
        return stored;
    }

    /**
     * The blob's row, locked until this transaction ends; made if there is none. On PostgreSQL one statement makes or
     * locks it, whatever other nodes do at the same moment. The embedded H2 serves one server, whose stores of the
     * same content take turns ({@link FileCatalog}), so a row found missing here is made by this transaction alone.
     */
    private BlobRecord lockRow(String sha256, long size) {
        if (database.isPostgresql()) {
            // "Do update" rather than "do nothing": it takes the row's lock in the same statement.
            em.createNativeQuery("insert into blobs (sha256, size, ref_count, created_at) values (?1, ?2, 0,"
                            + " current_timestamp) on conflict (sha256) do update set size = excluded.size")
                    .setParameter(1, sha256)
                    .setParameter(2, size)
                    .executeUpdate();
        }
        BlobRecord blob = em.find(BlobRecord.class, sha256, LockModeType.PESSIMISTIC_WRITE);
        if (blob == null) {
            blob = new BlobRecord(sha256, size, clock.instant());
            em.persist(blob);
            // Before the file that refers to it: a provider need not see that reference (it is a plain column).
            em.flush();
        }
        return blob;
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
