package io.wsingest.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.wsingest.testing.LogRecorder;

class PeriodicTaskTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final Logger log = Logger.getLogger(PeriodicTaskTest.class.getName());
    private final LogRecorder logged = LogRecorder.of(log);

    PeriodicTaskTest() {
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void shutDown() {
        logged.close();
        scheduler.shutdownNow();
    }

    @Test
    void aRunThatThrowsIsLoggedAndTheNextRunsAsPlanned() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch threeRuns = new CountDownLatch(3);
        PeriodicTask task = PeriodicTask.every(Duration.ofMillis(5), scheduler, log, () -> "The test's sweep", () -> {
            threeRuns.countDown();
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is away");
            }
        });

        assertTrue(threeRuns.await(30, TimeUnit.SECONDS), "runs after the one that threw");
        task.stop();
        LogRecord failure = logged.records().get(0);
        assertEquals(Level.WARNING, failure.getLevel());
        assertEquals("The test's sweep failed; it runs again in 5 ms", failure.getMessage());
        assertEquals("the database is away", failure.getThrown().getMessage());
        assertEquals(1, logged.records().size(), "only the run that threw is logged");
    }

    @Test
    void stopTakesTheTaskOffTheScheduler() {
        PeriodicTask task = PeriodicTask.every(Duration.ofHours(1), scheduler, log, () -> "A task", () -> { });
        assertEquals(1, scheduler.getQueue().size());

        task.stop();

        assertTrue(scheduler.getQueue().isEmpty());
    }
}
