package io.wsingest.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** An executor the test drives by hand: it holds submitted tasks until the test runs them, or refuses them. */
public final class ManualExecutor implements Executor {

    public final Deque<Runnable> tasks = new ArrayDeque<>();
    /** When set, every submission is refused, as a stopping server's executor does. */
    public boolean refuse;

    @Override
    public void execute(Runnable task) {
        if (refuse) {
            throw new RejectedExecutionException("shutting down");
        }
        tasks.add(task);
    }

    public void runNext() {
        tasks.removeFirst().run();
    }

    /** Runs the tasks, and those they submit, until none is left. */
    public void runAll() {
        while (!tasks.isEmpty()) {
            runNext();
        }
    }
}
