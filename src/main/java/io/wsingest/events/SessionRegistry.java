package io.wsingest.events;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;

import io.wsingest.events.EventSubscriber.Received;

import io.wsingest.metrics.Meter;
import io.wsingest.metrics.Metrics;

/**
 * The sessions connected to this node, by user. Event delivery looks up only the event's user, so another user's
 * sessions are never even considered. Safe for concurrent registration, delivery and removal. Counts the events
 * delivered and those a session could not take (dropped).
 */
@ApplicationScoped
public class SessionRegistry {

    @Inject
    Metrics metrics;

    private Counter delivered;
    private Counter dropped;

    @PostConstruct
    void registerMeters() {
        delivered = metrics.counter(Meter.EVENTS_DELIVERED);
        dropped = metrics.counter(Meter.EVENTS_DROPPED);
    }

    /** Made when the application starts, so that its figures are there from the first scrape on. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // Creating the bean registered its meters.
    }

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

    /** Delivers to every session of the event's user that accepts it; returns how many took it. */
    public int deliver(UploadEvent event) {
        Set<EventSubscriber> sessions = byUser.get(event.userId());
        if (sessions == null) {
            return 0;
        }
        int taken = 0;
        for (EventSubscriber session : sessions) {
            Received received = session.receive(event);
            count(received);
            taken += received == Received.SENT ? 1 : 0;
        }
        return taken;
    }

    /** Counts an event a session took or could not take; one it passed over (not for it, had already) is not. */
    public void count(Received received) {
        switch (received) {
            case SENT -> delivered.increment();
            case REFUSED -> dropped.increment();
            case PASSED -> {
                // Not counted.
            }
        }
    }

    /** The number of sessions registered on this node. */
    public int sessionCount() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }
}
