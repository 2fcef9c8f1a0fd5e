package io.wsingest.upload;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.wsingest.cluster.Handovers;
import io.wsingest.cluster.Lease;
import io.wsingest.cluster.LeaseClaim;
import io.wsingest.database.Aggregates;

/**
 * The database side of upload chains. Each method is its own transaction. Changes made on behalf of a connection are
 * conditional on that connection still owning the chain, so a connection that lost it (to a newer connection, on any
 * node, or because the chain was destroyed) finds out instead of overwriting.
 *
 * <p>Across nodes a chain is held by a lease: the node run whose connection receives it ({@code leaseOwner}), until
 * {@code leaseUntil} unless renewed. A connection on another node takes the chain only once the holder has let go or
 * its lease has run out; until then it asks the holder to let go ({@code handoverRequested}), which the holder does at
 * its next heartbeat or lease renewal, after its last bytes are durable. So one connection writes a chain's spool file
 * at a time, cluster-wide.
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
        FINISHED,
        /** A connection on another node asks for the chain: this one lets go of it. */
        HANDOVER_REQUESTED
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Handovers handovers;

    public Optional<UploadChain> findByProject(String projectId) {
        return entity(projectId).map(ChainRecord::snapshot);
    }

    /** A new chain, owned by the connection; fails if the project has one (one chain per project). */
    public UploadChain create(String projectId, String userId, String fileName, Long totalSize, boolean saveMedia,
                              String connectionId, Lease lease, Instant now) {
        ChainRecord record = new ChainRecord(UUID.randomUUID().toString(), projectId, userId, fileName, totalSize,
                saveMedia, connectionId, lease, now);
        em.persist(record);
        em.flush();
        return record.snapshot();
    }

    /**
     * Makes the connection the owner of an upload in progress that it resumes at {@code offset}, the durable offset it
     * was offered. A connection that held the upload meanwhile may have made more bytes durable; they are given up, as
     * the new connection sends them again. Its arrival alone is no activity: an upload whose restore window has passed
     * stays expired. The upload is taken only if no other node's connection holds it (its holder let go, or its lease
     * ran out); if one does, it is asked to let go.
     *
     * @return the upload taken; held elsewhere (ask again shortly); or unavailable, when it is no longer in progress
     *         or holds fewer bytes than the offset
     */
    public LeaseClaim<UploadChain> claim(String uploadId, String connectionId, long offset, Lease lease, Instant now) {
        ChainRecord current = em.find(ChainRecord.class, uploadId);
        if (current == null || current.getState() != UploadState.IN_PROGRESS) {
            return new LeaseClaim.Unavailable<>();
        }
        String dead = handovers.isDead(current.getLeaseOwner()) ? current.getLeaseOwner() : lease.owner();
        int updated = em.createQuery("update ChainRecord u set u.ownerConnection = :connection,"
                        + " u.durableOffset = :offset, u.leaseOwner = :owner, u.leaseUntil = :until,"
                        + " u.handoverRequested = false where u.id = :id and u.state = :inProgress"
                        + " and u.durableOffset >= :offset"
                        + " and (u.leaseOwner is null or u.leaseOwner in (:owner, :dead) or u.leaseUntil < :now)")
                .setParameter("connection", connectionId)
                .setParameter("offset", offset)
                .setParameter("owner", lease.owner())
                .setParameter("until", lease.until())
                .setParameter("dead", dead)
                .setParameter("now", now)
                .setParameter("id", uploadId)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .executeUpdate();
        if (updated == 1) {
            em.refresh(current);
            return new LeaseClaim.Taken<>(current.snapshot());
        }
        // Whatever the lease says now: its holder may have let go since the claim above, which is a reason to try
        // again, not to give up.
        int asked = em.createQuery("update ChainRecord u set u.handoverRequested = true where u.id = :id"
                        + " and u.state = :inProgress and u.durableOffset >= :offset")
                .setParameter("id", uploadId)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .setParameter("offset", offset)
                .executeUpdate();
        return asked == 1 ? new LeaseClaim.HeldElsewhere<>() : new LeaseClaim.Unavailable<>();
    }

    /**
     * Records bytes made durable and renews the lease to {@code leaseUntil}, if the connection still owns the upload
     * and no connection on another node has asked for it.
     */
    public Progress recordProgress(String uploadId, String connectionId, long durableOffset, Instant leaseUntil,
                                   Instant now) {
        int updated = em.createQuery("update ChainRecord u set u.durableOffset = :offset, u.updatedAt = :now,"
                        + " u.leaseUntil = :until where u.id = :id and u.ownerConnection = :connection"
                        + " and u.state = :inProgress and u.handoverRequested = false")
                .setParameter("offset", durableOffset)
                .setParameter("now", now)
                .setParameter("until", leaseUntil)
                .setParameter("id", uploadId)
                .setParameter("connection", connectionId)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .executeUpdate();
        if (updated == 1) {
            return Progress.RECORDED;
        }
        ChainRecord record = em.find(ChainRecord.class, uploadId);
        if (record == null || record.getState() != UploadState.IN_PROGRESS) {
            return Progress.FINISHED;
        }
        return connectionId.equals(record.getOwnerConnection()) ? Progress.HANDOVER_REQUESTED : Progress.SUPERSEDED;
    }

    /**
     * The connection left: records its last durable offset and that the upload is interrupted from now on (the
     * restore window counts from here), and lets go of its lease. Does nothing if the connection no longer owns the
     * upload.
     */
    public void interrupt(String uploadId, String connectionId, long durableOffset, Instant now) {
        em.createQuery("update ChainRecord u set u.ownerConnection = null, u.durableOffset = :offset,"
                        + " u.updatedAt = :now, u.leaseOwner = null, u.leaseUntil = null where u.id = :id and u.ownerConnection = :connection"
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
                        + " u.leaseOwner = null, u.leaseUntil = null, u.durableOffset = :size, u.storedFileId = :file, u.updatedAt = :now, u.finishedAt = :now"
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

    /**
     * Expires the upload if it is still in progress, idle since the cutoff, and no node's connection holds it; true
     * when it did.
     */
    public boolean expire(String uploadId, Instant cutoff, Instant now) {
        return em.createQuery("update ChainRecord u set u.state = :expired, u.ownerConnection = null,"
                        + " u.finishedAt = :now where u.id = :id and u.state = :inProgress and u.updatedAt <= :cutoff"
                        + " and (u.leaseOwner is null or u.leaseUntil < :now)")
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

    /**
     * Extends the leases {@code owner} holds for uploads these connections receive. A lease of an upload no connection
     * receives any more (its release failed) is not renewed, and runs out.
     */
    public void renewLeases(String owner, Collection<String> connectionIds, Instant until) {
        em.createQuery("update ChainRecord u set u.leaseUntil = :until where u.leaseOwner = :owner"
                        + " and u.ownerConnection in :connections and u.state = :inProgress")
                .setParameter("until", until)
                .setParameter("owner", owner)
                .setParameter("connections", connectionIds)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .executeUpdate();
    }

    /** The uploads {@code owner} holds that a connection on another node has asked for. */
    public List<UploadChain> handoversRequested(String owner) {
        return em.createQuery("select u from ChainRecord u where u.leaseOwner = :owner and u.state = :inProgress"
                        + " and u.handoverRequested = true", ChainRecord.class)
                .setParameter("owner", owner)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .getResultStream()
                .map(ChainRecord::snapshot)
                .toList();
    }

    /**
     * Lets go of an upload {@code owner} holds with no connection receiving it (the connection's own release failed):
     * it is interrupted from now on, at its recorded durable offset.
     */
    public void release(String uploadId, String owner, Instant now) {
        em.createQuery("update ChainRecord u set u.ownerConnection = null, u.leaseOwner = null, u.leaseUntil = null,"
                        + " u.updatedAt = :now where u.id = :id and u.leaseOwner = :owner and u.state = :inProgress")
                .setParameter("now", now)
                .setParameter("id", uploadId)
                .setParameter("owner", owner)
                .setParameter("inProgress", UploadState.IN_PROGRESS)
                .executeUpdate();
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
