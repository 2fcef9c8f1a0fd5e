package io.wsingest.projects;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The WebSocket connections that upload into projects on this node (protocols A and B), so that removing a member
 * ends that user's connections to the project at once instead of letting them upload on. Every node hears of a
 * committed removal through {@link MemberRemovalDelivery}.
 */
@ApplicationScoped
public class ProjectConnections {

    /** A connection into a project; told to close when its user may no longer upload there. */
    @FunctionalInterface
    public interface Revocable {
        /** Close with the protocol's own access-refused error. Called on the thread that delivers the removal. */
        void accessRevoked();
    }

    /** A connection's place in the registry; {@link #close()} it when the connection closes. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private record Entry(String projectId, String userId, Revocable connection) {
    }

    private final Set<Entry> entries = ConcurrentHashMap.newKeySet();

    public Registration register(String projectId, String userId, Revocable connection) {
        Entry entry = new Entry(projectId, userId, connection);
        entries.add(entry);
        return () -> entries.remove(entry);
    }

    void memberRemoved(MemberRemoved removed) {
        entries.stream()
                .filter(e -> e.projectId().equals(removed.projectId()) && e.userId().equals(removed.userId()))
                .toList()
                .forEach(e -> e.connection().accessRevoked());
    }
}
