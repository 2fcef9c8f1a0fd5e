package io.wsingest.streamreq;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.wsingest.database.Aggregates;

/**
 * The database half of open streams ({@link StreamRecord}). Every method is one transaction. Resuming and
 * expiring a stream are single conditional statements, so a stream is either resumed or expired, never both, even
 * with several nodes.
 */
@ApplicationScoped
@Transactional
public class StreamSessions {

    @PersistenceContext
    EntityManager em;

    void create(StreamRecord record) {
        em.persist(record);
    }

    Optional<StreamRecord> find(String keyHash) {
        return Optional.ofNullable(em.find(StreamRecord.class, keyHash));
    }

    /**
     * The owner's stream with this key if it was active at or after {@code cutoff}, marked active {@code now}; empty
     * for a stream of another user, an expired one, or none.
     */
    Optional<StreamRecord> claim(String keyHash, String ownerId, Instant cutoff, Instant now) {
        int updated = em.createQuery("update StreamRecord s set s.activeAt = :now"
                        + " where s.keyHash = :key and s.ownerId = :owner and s.activeAt >= :cutoff")
                .setParameter("now", now)
                .setParameter("key", keyHash)
                .setParameter("owner", ownerId)
                .setParameter("cutoff", cutoff)
                .executeUpdate();
        return updated == 1 ? find(keyHash) : Optional.empty();
    }

    /** Records the durable length of the stream's spool file; false if the stream's record is gone. */
    boolean checkpoint(String keyHash, long heldBytes, Instant now) {
        return em.createQuery("update StreamRecord s set s.heldBytes = :held, s.activeAt = :now where s.keyHash = :key")
                .setParameter("held", heldBytes)
                .setParameter("now", now)
                .setParameter("key", keyHash)
                .executeUpdate() == 1;
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

    /** Deletes the stream if it is still expired; true when it did (then its spool file may go). */
    boolean deleteIfExpired(String keyHash, Instant cutoff) {
        return em.createQuery("delete from StreamRecord s where s.keyHash = :key and s.activeAt < :cutoff")
                .setParameter("key", keyHash)
                .setParameter("cutoff", cutoff)
                .executeUpdate() == 1;
    }

    /** The spool files open streams refer to. */
    Set<String> spoolNames() {
        return new HashSet<>(em.createQuery("select s.spoolName from StreamRecord s", String.class).getResultList());
    }
}
