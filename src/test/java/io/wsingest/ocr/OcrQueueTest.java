package io.wsingest.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.wsingest.testing.ManualExecutor;

/** The bounded queue, on an executor the test drives by hand. */
class OcrQueueTest {

    private final ManualExecutor executor = new ManualExecutor();
    private final List<String> ran = new ArrayList<>();

    private OcrJob job(String id) {
        return job(id, new RecordingProgress());
    }

    private OcrJob job(String id, RecordingProgress progress) {
        OcrEngine engine = new OcrEngine() {
            @Override
            public String name() {
                return "noop";
            }

            @Override
            public Set<String> contentTypes() {
                return Set.of("image/png");
            }

            @Override
            public void recognise(SeekableByteChannel image, String contentType, OcrListener listener) {
                ran.add(id);
            }
        };
        return new OcrJob(id, () -> null, "image/png", engine, progress);
    }

    @Test
    void runsAtMostWorkersAtOnceAndQueuesTheRestInOrder() {
        OcrQueue queue = new OcrQueue(executor, 2, 10);
        for (String id : List.of("a", "b", "c", "d")) {
            assertTrue(queue.submit(job(id)));
        }
        assertEquals(2, executor.tasks.size());
        assertEquals(2, queue.runningCount());
        assertEquals(2, queue.waitingCount());

        executor.runNext();
        assertEquals(List.of("a"), ran);
        assertEquals(2, executor.tasks.size(), "finishing a starts c");
        executor.runNext();
        executor.runNext();
        executor.runNext();
        assertEquals(List.of("a", "b", "c", "d"), ran);
        assertEquals(0, queue.runningCount());
        assertEquals(0, queue.waitingCount());
    }

    @Test
    void refusesAJobWhenTheQueueIsFull() {
        OcrQueue queue = new OcrQueue(executor, 1, 1);
        assertTrue(queue.submit(job("a")));
        assertTrue(queue.submit(job("b")));
        assertFalse(queue.submit(job("c")));
        executor.runNext();
        assertTrue(queue.submit(job("c")), "room again once a finished and b started");
    }

    @Test
    void freeSlotsCountIdleWorkersAndFreePlacesInTheQueue() {
        OcrQueue queue = new OcrQueue(executor, 2, 1);
        assertEquals(3, queue.freeSlots());
        queue.submit(job("a"));
        queue.submit(job("b"));
        assertEquals(1, queue.freeSlots(), "both workers busy, the queue empty");
        queue.submit(job("c"));
        assertEquals(0, queue.freeSlots());
        assertFalse(queue.submit(job("d")), "no slot, no job");
        executor.runNext();
        assertEquals(1, queue.freeSlots(), "a finished and c started");
        queue.shutDown();
        assertEquals(0, queue.freeSlots(), "a queue that is shut down takes nothing");
    }

    @Test
    void withoutAQueueOnlyIdleWorkersTakeJobs() {
        OcrQueue queue = new OcrQueue(executor, 1, 0);
        assertTrue(queue.submit(job("a")));
        assertFalse(queue.submit(job("b")));
    }

    @Test
    void cancellingAWaitingJobDropsIt() {
        OcrQueue queue = new OcrQueue(executor, 1, 5);
        queue.submit(job("a"));
        queue.submit(job("b"));
        assertTrue(queue.contains("b"));
        assertTrue(queue.cancel("b"));
        assertFalse(queue.contains("b"));
        executor.runNext();
        assertEquals(List.of("a"), ran);
        assertTrue(executor.tasks.isEmpty());
    }

    @Test
    void cancellingARunningJobSignalsIt() {
        OcrQueue queue = new OcrQueue(executor, 1, 5);
        OcrJob a = job("a");
        queue.submit(a);
        assertTrue(queue.cancel("a"));
        assertTrue(a.isCancelled());
        assertFalse(queue.cancel("zzz"));
    }

    @Test
    void refusedByTheExecutorCountsAsNotSubmitted() {
        OcrQueue queue = new OcrQueue(executor, 1, 5);
        executor.refuse = true;
        assertFalse(queue.submit(job("a")));
        assertEquals(0, queue.runningCount());
    }

    @Test
    void aWaitingJobTheExecutorRefusesToStartIsAbandoned() {
        OcrQueue queue = new OcrQueue(executor, 1, 5);
        RecordingProgress waiting = new RecordingProgress();
        queue.submit(job("a"));
        queue.submit(job("b", waiting));
        executor.refuse = true;
        executor.runNext();
        assertEquals(List.of("abandoned"), waiting.calls, "its upload is let go of, not left waiting");
        assertEquals(0, queue.runningCount());
        assertEquals(0, queue.waitingCount());
    }

    @Test
    void afterShutDownNothingRunsOrIsAccepted() {
        OcrQueue queue = new OcrQueue(executor, 1, 5);
        OcrJob a = job("a");
        queue.submit(a);
        queue.submit(job("b"));
        queue.shutDown();
        assertTrue(a.isCancelled());
        assertFalse(queue.submit(job("c")));
        executor.runNext();
        assertEquals(List.of(), ran, "a was cancelled before it ran; b was dropped");
        assertTrue(executor.tasks.isEmpty());
    }

    @Test
    void awaitIdleWaitsForTheRunningJobsToEnd() throws Exception {
        OcrQueue queue = new OcrQueue(executor, 2, 5);
        queue.submit(job("a"));
        queue.submit(job("b"));
        queue.shutDown();
        assertFalse(queue.awaitIdle(Duration.ZERO), "two jobs are still running");

        Thread worker = new Thread(() -> {
            executor.runNext();
            executor.runNext();
        });
        worker.start();
        assertTrue(queue.awaitIdle(Duration.ofMinutes(1)));
        worker.join();
        assertEquals(0, queue.runningCount());
    }
}
