package io.wsingest.upload;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.wsingest.database.Aggregates;

/**
 * The database side of upload chains. Each method is its own transaction. Changes made on behalf of a connection are
 * conditional on that connection still owning the chain, so a connection that lost it (to a newer connection, on any
 * node, or because the chain was destroyed) finds out instead of overwriting.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ChainRecords {

    /** Spool files of protocol A start with this; the cleaner touches no others. */
    static final String SPOOL_PREFIX = "upload-";

    /** What became of a connection's attempt to record progress. */
    public enum Progress {
        /** Recorded. */
        RECORDED,
        /** Another connection owns the chain now. */
        SUPERSEDED,
        /** The chain is gone or no longer in progress (destroyed, expired, failed). */
        FINISHED
    }

    @PersistenceContext
    EntityManager em;

    public Optional<UploadChain> findByProject(String projectId) {
        return entity(projectId).map(ChainRecord::snapshot);
    }

    /** A new chain, owned by the connection; fails if the project has one (one chain per project). */
    public UploadChain create(String projectId, String userId, String fileName, Long totalSize, boolean saveMedia,
                              String connectionId, Instant now) {
        ChainRecord record = new ChainRecord(UUID.randomUUID().toString(), projectId, userId, fileName, totalSize,
                saveMedia, connectionId, now);
        em.persist(record);
        em.flush();
        return record.snapshot();
    }

    /**
     * Makes the connection the owner of an upload in progress that it resumes at {@code offset}, the durable offset it
     * was offered. A connection that held the upload meanwhile may have made more bytes durable; they are given up, as
     * the new connection sends them again. Its arrival alone is no activity: an upload whose restore window has passed
     * stays expired. Empty when the upload is no longer in progress or holds fewer bytes than the offset.
     */
    public Optional<UploadChain> claim(String uploadId, String connectionId, long offset) {
        int updated = em.createQuery("update ChainRecord u set u.ownerConnection = :connection,"
                        + " u.durableOffset = :offset where u.id = :id and u.state = :inProgress"
                        + " and u.durableOffset >= :offset")
                .setParameter("connection", connectionId)
                .setParameter("offset", offset)
                .setParameter("id", uploadId)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .executeUpdate();
        return updated == 1
                ? Optional.ofNullable(em.find(ChainRecord.class, uploadId)).map(ChainRecord::snapshot)
                : Optional.empty();
    }

    /** Records bytes made durable, if the connection still owns the upload. */
    public Progress recordProgress(String uploadId, String connectionId, long durableOffset, Instant now) {
        int updated = em.createQuery("update ChainRecord u set u.durableOffset = :offset, u.updatedAt = :now"
                        + " where u.id = :id and u.ownerConnection = :connection and u.state = :inProgress")
                .setParameter("offset", durableOffset)
                .setParameter("now", now)
                .setParameter("id", uploadId)
                .setParameter("connection", connectionId)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .executeUpdate();
        if (updated == 1) {
            return Progress.RECORDED;
        }
        ChainRecord record = em.find(ChainRecord.class, uploadId);
        return record != null && record.getState() == UploadState.IN_PROGRESS ? Progress.SUPERSEDED
                : Progress.FINISHED;
    }

    /**
     * The connection left: records its last durable offset and that the upload is interrupted from now on (the
     * restore window counts from here). Does nothing if the connection no longer owns the upload.
     */
    public void interrupt(String uploadId, String connectionId, long durableOffset, Instant now) {
        em.createQuery("update ChainRecord u set u.ownerConnection = null, u.durableOffset = :offset,"
                        + " u.updatedAt = :now where u.id = :id and u.ownerConnection = :connection"
                        + " and u.state = :inProgress")
                .setParameter("offset", durableOffset)
                .setParameter("now", now)
                .setParameter("id", uploadId)
                .setParameter("connection", connectionId)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .executeUpdate();
    }

    /** Marks the upload completed; false if the connection no longer owned it. */
    public boolean complete(String uploadId, String connectionId, long size, String storedFileId, Instant now) {
        return em.createQuery("update ChainRecord u set u.state = :completed, u.ownerConnection = null,"
                        + " u.durableOffset = :size, u.storedFileId = :file, u.updatedAt = :now, u.finishedAt = :now"
                        + " where u.id = :id and u.ownerConnection = :connection and u.state = :inProgress")
                .setParameter("completed", UploadState.COMPLETED)
                .setParameter("size", size)
                .setParameter("file", storedFileId)
                .setParameter("now", now)
                .setParameter("id", uploadId)
                .setParameter("connection", connectionId)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .executeUpdate() == 1;
    }

    /** The server cannot finish the upload (its data is lost): it is failed for good. */
    public void fail(String uploadId, String reason, Instant now) {
        ChainRecord record = em.find(ChainRecord.class, uploadId);
        if (record != null && record.getState() == UploadState.IN_PROGRESS) {
            record.fail(reason, now);
        }
    }

    /** Destroys the project's chain, whatever its state; the snapshot says which spool file to delete. */
    public Optional<UploadChain> delete(String projectId) {
        Optional<ChainRecord> record = entity(projectId);
        record.ifPresent(em::remove);
        return record.map(ChainRecord::snapshot);
    }

    /** Uploads in progress with no recorded activity since the cutoff: the ones whose restore window has passed. */
    public List<UploadChain> inProgressIdleSince(Instant cutoff, int limit) {
        return em.createQuery("select u from ChainRecord u where u.state = :inProgress and u.updatedAt <= :cutoff"
                        + " order by u.updatedAt", ChainRecord.class)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit)
                .getResultStream()
                .map(ChainRecord::snapshot)
                .toList();
    }

    /** Expires the upload if it is still in progress and idle since the cutoff; true when it did. */
    public boolean expire(String uploadId, Instant cutoff, Instant now) {
        return em.createQuery("update ChainRecord u set u.state = :expired, u.ownerConnection = null,"
                        + " u.finishedAt = :now where u.id = :id and u.state = :inProgress and u.updatedAt <= :cutoff")
                .setParameter("expired", UploadState.EXPIRED)
                .setParameter("now", now)
                .setParameter("id", uploadId)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .setParameter("cutoff", cutoff)
                .executeUpdate() == 1;
    }

    /**
     * What the user's file uploads in progress reserve of their quota: the {@code TotalFileSize} of each, and for one
     * of unknown size that no connection is writing, its durable offset (a connection holds the rest in memory).
     */
    public long reservedBy(String userId) {
        long known = Aggregates.sum(em.createQuery("select sum(u.totalSize) from ChainRecord u where u.userId = :user"
                        + " and u.state = :inProgress and u.saveMedia = true and u.totalSize is not null")
                .setParameter("user", userId)
                .setParameter("inProgress", UploadState.IN_PROGRESS));
        long interrupted = Aggregates.sum(em.createQuery("select sum(u.durableOffset) from ChainRecord u"
                        + " where u.userId = :user and u.state = :inProgress and u.saveMedia = true"
                        + " and u.totalSize is null and u.ownerConnection is null")
                .setParameter("user", userId)
                .setParameter("inProgress", UploadState.IN_PROGRESS));
        return known + interrupted;
    }

    /** The spool files uploads in progress still need. */
    public Set<String> spoolNamesInUse() {
        return new HashSet<>(em.createQuery("select u.spoolName from ChainRecord u where u.state = :inProgress",
                        String.class)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .getResultList());
    }

    private Optional<ChainRecord> entity(String projectId) {
        return em.createQuery("select u from ChainRecord u where u.projectId = :project", ChainRecord.class)
                .setParameter("project", projectId)
                .getResultStream()
                .findFirst();
    }
}
