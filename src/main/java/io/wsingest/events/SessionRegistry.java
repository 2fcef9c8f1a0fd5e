package io.wsingest.events;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sessions connected to this node, by user. Event delivery looks up only the event's user, so another user's
 * sessions are never even considered. Safe for concurrent registration, delivery and removal.
 */
@ApplicationScoped
public class SessionRegistry {

    private final ConcurrentHashMap<String, Set<EventSubscriber>> byUser = new ConcurrentHashMap<>();

    public void register(String userId, EventSubscriber subscriber) {
        // Inside compute, so a concurrent unregister cannot drop the user's set between lookup and add.
        byUser.compute(userId, (u, set) -> {
            Set<EventSubscriber> sessions = set != null ? set : ConcurrentHashMap.newKeySet();
            sessions.add(subscriber);
            return sessions;
        });
    }

    /** Removes a session; the user's entry goes when their last session does. */
    public void unregister(String userId, EventSubscriber subscriber) {
        byUser.computeIfPresent(userId, (u, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    /** Delivers to every session of the event's user that accepts it; returns how many got it. */
    public int deliver(UploadEvent event) {
        Set<EventSubscriber> sessions = byUser.get(event.userId());
        if (sessions == null) {
            return 0;
        }
        int delivered = 0;
        for (EventSubscriber session : sessions) {
            if (session.accepts(event)) {
                session.deliver(event.json());
                delivered++;
            }
        }
        return delivered;
    }

    /** The number of sessions registered on this node. */
    public int sessionCount() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }
}
