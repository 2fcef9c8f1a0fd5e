package io.wsingest.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Makes a user's stream row in a transaction of its own: a failed insert (another node or thread made the row at the
 * same moment) would otherwise spoil the caller's transaction, which on PostgreSQL refuses every later statement.
 */
@ApplicationScoped
class EventStreamRows {

    @PersistenceContext
    EntityManager em;

    /** Inserts the row; throws a {@code PersistenceException} when the user has one already. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void create(String userId) {
        em.persist(new EventStream(userId));
        em.flush();
    }
}
