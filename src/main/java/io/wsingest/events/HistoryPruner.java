package io.wsingest.events;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

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

    private ScheduledFuture<?> pruning;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (!settings.enabled()) {
            return;
        }
        long period = settings.pruneInterval().toMillis();
        pruning = scheduler.scheduleWithFixedDelay(this::scheduledPrune, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (pruning != null) {
            pruning.cancel(false);
        }
    }

    /** A failed run is logged; the next one tries again (a task that threw would never run again). */
    private void scheduledPrune() {
        try {
            prune(Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pruning the event history failed; it runs again in "
                    + settings.pruneInterval().toSeconds() + " s", e);
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
