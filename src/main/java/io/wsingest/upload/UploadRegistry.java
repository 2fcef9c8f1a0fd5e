package io.wsingest.upload;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The connections uploading on this node, at most one per project, and a lock per project under which a connection
 * takes a project's upload over and a chain is destroyed. Lock order: the project's lock, then a connection's own.
 */
@ApplicationScoped
public class UploadRegistry {

    /** What the registry asks of a connection that holds a project's upload. */
    interface ChainOwner {
        /** A newer connection takes the upload over: make what was received durable and stop uploading. */
        void supersede();

        /** The chain is being destroyed: stop uploading and let go of its spool file. */
        void finishElsewhere();

        /** The connection, as the chain's record names its owner. */
        String connectionId();

        /** Bytes received and not yet durable: what a crash now would lose of what the client sent. */
        long notDurableBytes();
    }

    /** An action under a project's lock. */
    @FunctionalInterface
    interface ProjectAction<T, E extends Exception> {
        T run() throws E;
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        final AtomicReference<ChainOwner> owner = new AtomicReference<>();
    }

    // One slot per project that has had a connection on this node: small, and bounded by the projects.
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    <T, E extends Exception> T withProject(String projectId, ProjectAction<T, E> action) throws E {
        Slot slot = slot(projectId);
        slot.lock.lock();
        try {
            return action.run();
        } finally {
            slot.lock.unlock();
        }
    }

    /** Makes the connection the project's; returns the one it replaces. Call under the project's lock. */
    Optional<ChainOwner> replaceOwner(String projectId, ChainOwner newcomer) {
        return Optional.ofNullable(slot(projectId).owner.getAndSet(newcomer)).filter(previous -> previous != newcomer);
    }

    /** The connection uploading to the project on this node, if any. */
    Optional<ChainOwner> owner(String projectId) {
        Slot slot = slots.get(projectId);
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.owner.get());
    }

    /** The connection ends; a newer one that replaced it stays. */
    void leave(String projectId, ChainOwner connection) {
        Slot slot = slots.get(projectId);
        if (slot != null) {
            slot.owner.compareAndSet(connection, null);
        }
    }

    /** The connections uploading on this node now. */
    List<ChainOwner> owners() {
        return slots.values().stream().map(slot -> slot.owner.get()).filter(Objects::nonNull).toList();
    }

    private Slot slot(String projectId) {
        return slots.computeIfAbsent(projectId, p -> new Slot());
    }
}
