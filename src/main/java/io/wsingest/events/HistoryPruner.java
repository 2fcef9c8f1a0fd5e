package io.wsingest.events;

import java.time.Instant;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.wsingest.concurrency.PeriodicTask;

/**
 * Keeps the event history within {@code wsingest.events.history.max-events} per user and
 * {@code wsingest.events.history.max-age-seconds}, every {@code prune-interval-seconds}. Runs on every node: each
 * stream is pruned in its own transaction by idempotent statements, so two nodes pruning at once drop each event once.
 */
@ApplicationScoped
public class HistoryPruner {

    private static final Logger LOG = Logger.getLogger(HistoryPruner.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    EventHistory history;

    @Inject
    EventHistorySettings settings;

    private PeriodicTask pruning;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (!settings.enabled()) {
            return;
        }
        pruning = PeriodicTask.every(settings.pruneInterval(), scheduler, LOG, () -> "Pruning the event history",
                () -> prune(Instant.now()));
    }

    @PreDestroy
    void stop() {
        if (pruning != null) {
            pruning.stop();
        }
    }

    /** One run: returns how many events it dropped. */
    public int prune(Instant now) {
        int dropped = 0;
        for (Prunable stream : history.prunable(now)) {
            dropped += history.prune(stream);
        }
        int total = dropped;
        LOG.fine(() -> "Pruned " + total + " events from the event history");
        return dropped;
    }
}
