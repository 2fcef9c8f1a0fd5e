package io.wsingest.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import io.wsingest.concurrency.StripedLocks;

/**
 * Each user's numbered stream of events and its bounded history, in the database every node shares. An event is
 * numbered and kept in the transaction of the change it reports, under the lock of the user's stream row, so the
 * numbers are gap-free and in the order the changes committed, on every node. Sockets read the history to catch up
 * after a reconnect ({@link #recover}) and to fill a gap in live delivery ({@link #between}).
 */
@ApplicationScoped
@Transactional
public class EventHistory {

    /**
     * What a subscribing socket is told: where the stream stands and, when the history held everything after the
     * client's seq, the events after it (in order, in the socket's scope); null when it did not.
     */
    public record Recovery(StreamPosition position, List<UploadEvent> replayed) {

        public boolean recovered() {
            return replayed != null;
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    EventStreamRows rows;

    private final StripedLocks streamCreation = new StripedLocks(64);

    @Inject
    EventHistorySettings settings;

    /** Whether events are numbered and kept ({@code wsingest.events.history.enabled}); asking starts no transaction. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean enabled() {
        return settings.enabled();
    }

    /** Numbers the event in the caller's transaction and keeps it; returns it with its {@code seq}. */
    UploadEvent record(UploadEvent event) {
        // The change's own writes first: every transaction then locks the changed rows before the stream row, so a
        // command and an OCR step of the same user never wait for each other in opposite orders.
        em.flush();
        UploadEvent numbered = event.numbered(lockedStream(event.userId()).next());
        if (numbered.growth()) {
            em.createQuery("delete from HistoricEvent e where e.userId = :user and e.uploadId = :upload"
                            + " and e.growth = true")
                    .setParameter("user", numbered.userId())
                    .setParameter("upload", numbered.uploadId())
                    .executeUpdate();
        }
        em.persist(new HistoricEvent(numbered, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return numbered;
    }

    /** Where the user's stream stands now (a new user's is made, at seq 0). */
    public StreamPosition position(String userId) {
        return readPosition(userId).orElseGet(() -> {
            makeStream(userId);
            return readPosition(userId).orElseThrow();
        });
    }

    /** Read from the database itself: an entity could come from a cache that another node's writes bypassed. */
    private Optional<StreamPosition> readPosition(String userId) {
        return em.createQuery("select s.epoch, s.lastSeq, s.prunedThrough from EventStream s where s.userId = :user",
                        Object[].class)
                .setParameter("user", userId)
                .getResultStream()
                .findFirst()
                .map(row -> new StreamPosition((String) row[0], ((Number) row[1]).longValue(),
                        ((Number) row[2]).longValue()));
    }

    /**
     * What a socket that saw the user's events up to {@code since} of {@code epoch} missed: the events after it, in
     * order, only those of {@code uploadId} unless it is null; or none, when the history no longer holds them all.
     */
    public Recovery recover(String userId, String uploadId, long since, String epoch) {
        StreamPosition position = position(userId);
        if (!position.canReplayAfter(since, epoch)) {
            return new Recovery(position, null);
        }
        List<UploadEvent> replayed = events(userId, uploadId, since, position.seq() + 1);
        // A prune that committed while the events were read took some of them: the client lists instead.
        if (since < readPosition(userId).orElseThrow().prunedThrough()) {
            return new Recovery(position, null);
        }
        return new Recovery(position, replayed);
    }

    /** The user's events kept with a seq strictly between the two, in order. */
    public List<UploadEvent> between(String userId, long after, long before) {
        return events(userId, null, after, before);
    }

    private List<UploadEvent> events(String userId, String uploadId, long after, long before) {
        TypedQuery<HistoricEvent> query = em.createQuery("select e from HistoricEvent e where e.userId = :user"
                        + " and e.seq > :after and e.seq < :before"
                        + (uploadId == null ? "" : " and e.uploadId = :upload")
                        + " order by e.seq", HistoricEvent.class)
                .setParameter("user", userId)
                .setParameter("after", after)
                .setParameter("before", before);
        if (uploadId != null) {
            query.setParameter("upload", uploadId);
        }
        return query.getResultStream().map(HistoricEvent::event).toList();
    }

    // Pruning: the pruner asks which streams have events to drop, then drops them one stream per transaction. Raising
    // the stream's pruned_through and deleting its events commit together, and a recovery reads the stream again after
    // the events, so it never replays a history with a hole. Running on several nodes at once, the second finds nothing
    // left to do.

    /** Per stream, the highest seq that the count or the age limit prunes, for streams that have such events. */
    public List<Prunable> prunable(Instant now) {
        long max = settings.maxEvents();
        List<Prunable> byCount = em.createQuery("select s.userId, s.lastSeq from EventStream s"
                        + " where s.lastSeq - s.prunedThrough > :max", Object[].class)
                .setParameter("max", max)
                .getResultStream()
                .map(row -> new Prunable((String) row[0], ((Number) row[1]).longValue() - max))
                .toList();
        List<Prunable> byAge = em.createQuery("select e.userId, max(e.seq) from HistoricEvent e"
                        + " where e.createdAt < :cutoff group by e.userId", Object[].class)
                .setParameter("cutoff", now.minus(settings.maxAge()))
                .getResultStream()
                .map(row -> new Prunable((String) row[0], ((Number) row[1]).longValue()))
                .toList();
        return Prunable.merge(byCount, byAge);
    }

    /** Drops the user's events up to {@code through}; returns how many. */
    public int prune(Prunable stream) {
        em.createQuery("update EventStream s set s.prunedThrough = :through where s.userId = :user"
                        + " and s.prunedThrough < :through")
                .setParameter("through", stream.through())
                .setParameter("user", stream.userId())
                .executeUpdate();
        return em.createQuery("delete from HistoricEvent e where e.userId = :user and e.seq <= :through")
                .setParameter("user", stream.userId())
                .setParameter("through", stream.through())
                .executeUpdate();
    }

    /** The user's stream row, locked until the transaction ends; made first when the user has none. */
    private EventStream lockedStream(String userId) {
        EventStream stream = em.find(EventStream.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (stream != null) {
            return stream;
        }
        makeStream(userId);
        return em.find(EventStream.class, userId, LockModeType.PESSIMISTIC_WRITE);
    }

    private void makeStream(String userId) {
        // Taking turns per user on this server is what keeps H2's insert from racing; PostgreSQL's needs no turns.
        synchronized (streamCreation.forKey(userId)) {
            rows.createIfMissing(userId);
        }
    }
}
