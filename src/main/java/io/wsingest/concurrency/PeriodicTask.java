package io.wsingest.concurrency;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A task run every period, a period apart from the end of one run to the start of the next, until {@link #stop()}.
 * An executor never runs a periodic task again once it has thrown, and each of these serves every connection,
 * channel or record of its kind, so a run that throws is logged and the next one runs as planned.
 */
public final class PeriodicTask {

    private final ScheduledFuture<?> future;

    private PeriodicTask(ScheduledFuture<?> future) {
        this.future = future;
    }

    /**
     * Starts {@code task}, first a period from now.
     *
     * @param what names the task in the log line of a failed run, e.g. "The live heartbeat round"
     */
    public static PeriodicTask every(Duration period, ScheduledExecutorService scheduler, Logger log,
                                     Supplier<String> what, Runnable task) {
        long millis = period.toMillis();
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.log(Level.WARNING, e, () -> what.get() + " failed; it runs again in " + millis + " ms");
            }
        };
        return new PeriodicTask(scheduler.scheduleWithFixedDelay(guarded, millis, millis, TimeUnit.MILLISECONDS));
    }

    /** No run starts after this; one running now finishes. */
    public void stop() {
        future.cancel(false);
    }
}
