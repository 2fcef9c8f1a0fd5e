package io.wsingest.ocr;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs OCR jobs on an executor, at most {@code workers} at a time, with at most {@code queueLimit} more waiting in
 * order. A job that does not fit is refused, so its caller can tell the user at once instead of letting the upload wait
 * behind an unbounded backlog. Each job is its own task on the executor: when one ends, the first waiting job is
 * started as a new task. Thread-safe.
 */
public final class OcrQueue {

    private static final Logger LOG = Logger.getLogger(OcrQueue.class.getName());

    private final Executor executor;
    private final int workers;
    private final int queueLimit;
    private final Consumer<OcrJob> ended;

    private final Deque<OcrJob> waiting = new ArrayDeque<>();
    private final List<OcrJob> running = new ArrayList<>();
    private boolean shutDown;
    private long finished;
    private long totalJobMillis;
    private long lastJobMillis = -1;

    public OcrQueue(Executor executor, int workers, int queueLimit) {
        this(executor, workers, queueLimit, job -> { });
    }

    /** @param ended told of every job that ran, after it ended (for its figures); must not throw */
    public OcrQueue(Executor executor, int workers, int queueLimit, Consumer<OcrJob> ended) {
        if (workers < 1 || queueLimit < 0) {
            throw new IllegalArgumentException("workers must be at least 1 and queueLimit not negative");
        }
        this.executor = executor;
        this.workers = workers;
        this.queueLimit = queueLimit;
        this.ended = ended;
    }

    /** Starts the job or queues it; false when the queue is full, the executor refuses, or the queue is shut down. */
    public boolean submit(OcrJob job) {
        synchronized (this) {
            if (shutDown) {
                return false;
            }
            if (running.size() >= workers) {
                if (waiting.size() >= queueLimit) {
                    return false;
                }
                waiting.addLast(job);
                return true;
            }
            running.add(job);
        }
        return start(job);
    }

    /**
     * Cancels every job of this id: a waiting one is dropped, a running one stops at its next line.
     *
     * @return whether there was such a job
     */
    public boolean cancel(String id) {
        List<OcrJob> found = new ArrayList<>();
        synchronized (this) {
            waiting.removeIf(job -> job.id().equals(id) && found.add(job));
            running.stream().filter(job -> job.id().equals(id)).forEach(found::add);
        }
        found.forEach(OcrJob::cancel);
        return !found.isEmpty();
    }

    /** Refuses new jobs, drops the waiting ones and cancels the running ones. */
    public void shutDown() {
        List<OcrJob> all;
        synchronized (this) {
            shutDown = true;
            all = new ArrayList<>(running);
            all.addAll(waiting);
            waiting.clear();
        }
        all.forEach(OcrJob::cancel);
    }

    /**
     * Waits until no job runs any more, at most {@code timeout}: after {@link #shutDown()}, a cancelled job still ends
     * its current line and its callbacks. Returns whether the queue is idle.
     */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** How many more jobs {@link #submit} would take now: free workers and free places in the queue. */
    public synchronized int freeSlots() {
        return shutDown ? 0 : workers - running.size() + queueLimit - waiting.size();
    }

    public synchronized int waitingCount() {
        return waiting.size();
    }

    public synchronized int runningCount() {
        return running.size();
    }

    /** Jobs that ended since the queue was made. */
    public synchronized long finishedCount() {
        return finished;
    }

    /** The sum of the durations of the jobs that ended, in milliseconds. */
    public synchronized long totalJobMillis() {
        return totalJobMillis;
    }

    /** The duration of the last job that ended, in milliseconds; -1 before the first. */
    public synchronized long lastJobMillis() {
        return lastJobMillis;
    }

    /** Whether a job of this id is waiting or running. */
    public synchronized boolean contains(String id) {
        return waiting.stream().anyMatch(job -> job.id().equals(id)) || running.stream().anyMatch(job -> job.id().equals(id));
    }

    private boolean start(OcrJob job) {
        try {
            executor.execute(() -> runThenNext(job));
            return true;
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "The executor refused the OCR job for upload " + job.id(), e);
            synchronized (this) {
                running.remove(job);
                notifyAll();
            }
            return false;
        }
    }

    private void runThenNext(OcrJob job) {
        try {
            job.run();
        } finally {
            ended.accept(job);
            OcrJob next = finish(job);
            if (next != null && !start(next)) {
                next.abandon();
            }
        }
    }

    /** Removes the finished job and moves the first waiting one to running; returns it, or null. */
    private synchronized OcrJob finish(OcrJob done) {
        running.remove(done);
        notifyAll();
        finished++;
        lastJobMillis = Math.max(0, done.elapsedMillis());
        totalJobMillis += lastJobMillis;
        if (shutDown) {
            return null;
        }
        OcrJob next = waiting.pollFirst();
        if (next != null) {
            running.add(next);
        }
        return next;
    }
}
