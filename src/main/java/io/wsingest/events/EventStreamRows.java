package io.wsingest.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.wsingest.database.DatabaseProduct;

/**
 * Makes a user's stream row in a transaction of its own, which commits before the caller locks the row. No insert
 * fails when another transaction makes the row at the same moment: such a failure would spoil the caller's
 * transaction on PostgreSQL, and the provider logs it as an error although it is an ordinary race.
 */
@ApplicationScoped
class EventStreamRows {

    @PersistenceContext
    EntityManager em;

    @Inject
    DatabaseProduct database;

    /**
     * Makes the row unless the user has one. On PostgreSQL one statement does so whatever other nodes do; the embedded
     * H2 serves one server, whose callers of this method for the same user must take turns.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void createIfMissing(String userId) {
        EventStream stream = new EventStream(userId);
        if (database.isPostgresql()) {
            em.createNativeQuery("insert into event_streams (user_id, epoch, last_seq, pruned_through)"
                            + " values (?1, ?2, 0, 0) on conflict (user_id) do nothing")
                    .setParameter(1, userId)
                    .setParameter(2, stream.epoch())
                    .executeUpdate();
        } else if (em.find(EventStream.class, userId) == null) {
            em.persist(stream);
        }
    }
}
