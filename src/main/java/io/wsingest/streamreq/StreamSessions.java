package io.wsingest.streamreq;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * The database half of open streams ({@link StreamRecord}). Every method is one transaction. Resuming and
 * expiring a stream are single conditional statements, so a stream is either resumed or expired, never both, even
 * with several nodes.
 *
 * <p>A stream being received is held by a lease of its node run ({@code leaseOwner}, until {@code leaseUntil} unless
 * renewed): a resume on another node takes it only once the holder has let go or its lease has run out, and until
 * then asks the holder to let go ({@code handoverRequested}), which it does at its next checkpoint or lease renewal
 * after making what it received durable. So one connection writes a stream's spool file at a time, cluster-wide.
 */
@ApplicationScoped
@Transactional
public class StreamSessions {

    @PersistenceContext
    EntityManager em;

    @Inject
    Handovers handovers;

    void create(StreamRecord record) {
        em.persist(record);
    }

    Optional<StreamRecord> find(String keyHash) {
        return Optional.ofNullable(em.find(StreamRecord.class, keyHash));
    }

    /** What became of a checkpoint. */
    enum Checkpoint {
        /** Recorded, and the lease renewed. */
        RECORDED,
        /** Recorded, but a resume on another node asks for the stream: the receiving connection lets go of it. */
        HANDOVER_REQUESTED,
        /** Not recorded: the stream is gone or no longer this node's. */
        LOST
    }

    /**
     * Takes the owner's stream with this key and route, if it was active at or after {@code cutoff}, for a connection
     * of this node: marked active {@code now} and held by {@code lease}. A stream another node's connection receives
     * is taken only once that node has let go or its lease has run out; until then it is asked to let go.
     *
     * @return the stream taken; held elsewhere (ask again shortly); or unavailable: another user's, another route's,
     *         expired, or none
     */
    LeaseClaim<StreamRecord> claim(String keyHash, String ownerId, String route, Instant cutoff, Instant now,
                                   Lease lease) {
        StreamRecord current = em.find(StreamRecord.class, keyHash);
        if (current == null) {
            return new LeaseClaim.Unavailable<>();
        }
        String dead = handovers.isDead(current.getLeaseOwner()) ? current.getLeaseOwner() : lease.owner();
        int updated = em.createQuery("update StreamRecord s set s.activeAt = :now, s.leaseOwner = :owner,"
                        + " s.leaseUntil = :until, s.handoverRequested = false where s.keyHash = :key"
                        + " and s.ownerId = :user and s.route = :route and s.activeAt >= :cutoff"
                        + " and (s.leaseOwner is null or s.leaseOwner in (:owner, :dead) or s.leaseUntil < :now)")
                .setParameter("now", now)
                .setParameter("owner", lease.owner())
                .setParameter("until", lease.until())
                .setParameter("dead", dead)
                .setParameter("key", keyHash)
                .setParameter("user", ownerId)
                .setParameter("route", route)
                .setParameter("cutoff", cutoff)
                .executeUpdate();
        if (updated == 1) {
            em.refresh(current);
            return new LeaseClaim.Taken<>(current);
        }
        // Whatever the lease says now: its holder may have let go since the claim above, which is a reason to try
        // again, not to give up.
        int asked = em.createQuery("update StreamRecord s set s.handoverRequested = true where s.keyHash = :key"
                        + " and s.ownerId = :user and s.route = :route and s.activeAt >= :cutoff")
                .setParameter("key", keyHash)
                .setParameter("user", ownerId)
                .setParameter("route", route)
                .setParameter("cutoff", cutoff)
                .executeUpdate();
        return asked == 1 ? new LeaseClaim.HeldElsewhere<>() : new LeaseClaim.Unavailable<>();
    }

    /**
     * Records the durable length of the stream's spool file and renews the lease, if {@code lease}'s owner holds the
     * stream.
     */
    Checkpoint checkpoint(String keyHash, long heldBytes, Instant now, Lease lease) {
        int updated = em.createQuery("update StreamRecord s set s.heldBytes = :held, s.activeAt = :now,"
                        + " s.leaseUntil = :until where s.keyHash = :key and s.leaseOwner = :owner")
                .setParameter("held", heldBytes)
                .setParameter("now", now)
                .setParameter("until", lease.until())
                .setParameter("key", keyHash)
                .setParameter("owner", lease.owner())
                .executeUpdate();
        if (updated == 0) {
            return Checkpoint.LOST;
        }
        return em.find(StreamRecord.class, keyHash).isHandoverRequested() ? Checkpoint.HANDOVER_REQUESTED
                : Checkpoint.RECORDED;
    }

    /** Lets go of the stream's lease, if {@code owner} holds it: it can be resumed on any node now. */
    void release(String keyHash, String owner) {
        em.createQuery("update StreamRecord s set s.leaseOwner = null, s.leaseUntil = null"
                        + " where s.keyHash = :key and s.leaseOwner = :owner")
                .setParameter("key", keyHash)
                .setParameter("owner", owner)
                .executeUpdate();
    }

    /** Extends the leases {@code owner} holds for these streams, the ones its connections receive. */
    void renewLeases(String owner, Collection<String> keyHashes, Instant until) {
        em.createQuery("update StreamRecord s set s.leaseUntil = :until where s.leaseOwner = :owner"
                        + " and s.keyHash in :keys")
                .setParameter("until", until)
                .setParameter("owner", owner)
                .setParameter("keys", keyHashes)
                .executeUpdate();
    }

    /** The streams {@code owner} holds that a resume on another node has asked for. */
    List<String> handoversRequested(String owner) {
        return em.createQuery("select s.keyHash from StreamRecord s where s.leaseOwner = :owner"
                        + " and s.handoverRequested = true", String.class)
                .setParameter("owner", owner)
                .getResultList();
    }

    void touch(String keyHash, Instant now) {
        em.createQuery("update StreamRecord s set s.activeAt = :now where s.keyHash = :key")
                .setParameter("now", now)
                .setParameter("key", keyHash)
                .executeUpdate();
    }

    boolean delete(String keyHash) {
        return em.createQuery("delete from StreamRecord s where s.keyHash = :key")
                .setParameter("key", keyHash)
                .executeUpdate() == 1;
    }

    /** The totals of the owner's unexpired streams: what they have reserved. */
    long reservedBy(String ownerId, Instant cutoff) {
        return Aggregates.sum(em.createQuery("select sum(s.totalBytes) from StreamRecord s"
                        + " where s.ownerId = :owner and s.activeAt >= :cutoff")
                .setParameter("owner", ownerId)
                .setParameter("cutoff", cutoff));
    }

    List<StreamRecord> expired(Instant cutoff, int limit) {
        return em.createQuery("select s from StreamRecord s where s.activeAt < :cutoff order by s.activeAt",
                        StreamRecord.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Deletes the stream if it is still expired and no node's connection holds it; true when it did (then its spool
     * file may go).
     */
    boolean deleteIfExpired(String keyHash, Instant cutoff, Instant now) {
        return em.createQuery("delete from StreamRecord s where s.keyHash = :key and s.activeAt < :cutoff"
                        + " and (s.leaseOwner is null or s.leaseUntil < :now)")
                .setParameter("key", keyHash)
                .setParameter("cutoff", cutoff)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** The spool files open streams refer to. */
    Set<String> spoolNames() {
        return new HashSet<>(em.createQuery("select s.spoolName from StreamRecord s", String.class).getResultList());
    }
}
