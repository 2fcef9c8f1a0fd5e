package io.wsingest.galileo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.wsingest.testing.ManualExecutor;

/** The write-behind queue: the bound on bytes in flight, readies on receipt or owed, order, failures, discarding. */
class WriteBehindTest {

    private static final int CHUNK = 4;
    /** Three chunks. */
    private static final long BOUND = 3 * CHUNK;
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final long POLL_NANOS = 100_000;
    /** Permits enough for every append of a test that does not gate its writes. */
    private static final int UNGATED = 1_000_000;

    /** A partial file in memory whose appends each wait for a permit the test hands out, when it is gated. */
    private static final class RecordingFile implements UploadStorage.PartialFile {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Set<byte[]> buffersSeen = Collections.newSetFromMap(new IdentityHashMap<>());
        final Semaphore permits = new Semaphore(UNGATED);
        final AtomicInteger appendsStarted = new AtomicInteger();
        volatile WriteBehind queue;
        final AtomicLong mostInFlightSeenByWriter = new AtomicLong();
        volatile IOException failAppend;
        volatile boolean discarded;
        /** Runs as each append starts: a chunk arriving while the writer writes. */
        volatile Runnable duringAppend = () -> { };

        void gate() {
            permits.drainPermits();
        }

        @Override
        public synchronized void append(ByteBuffer data) throws IOException {
            appendsStarted.incrementAndGet();
            duringAppend.run();
            permits.acquireUninterruptibly();
            if (queue != null) {
                mostInFlightSeenByWriter.accumulateAndGet(queue.bytesInFlight(), Math::max);
            }
            if (failAppend != null) {
                throw failAppend;
            }
            if (discarded) {
                throw new IOException("appended after discard");
            }
            buffersSeen.add(data.array());
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            bytes.writeBytes(copy);
        }

        @Override
        public String digest(HashType type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String keep(String displayName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void discard() {
            discarded = true;
        }
    }

    private final RecordingFile file = new RecordingFile();
    private final AtomicInteger progressCalls = new AtomicInteger();
    private final ExecutorService writerThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopWriterThread() {
        file.permits.release(1000);
        writerThread.shutdownNow();
    }

    private WriteBehind queue(Executor executor, long bound) {
        WriteBehind queue = new WriteBehind(file, executor, bound, CHUNK, progressCalls::incrementAndGet);
        file.queue = queue;
        return queue;
    }

    /** Two chunks accepted on the writer thread, whose first write waits for a permit. */
    private WriteBehind twoChunksWaitingForPermits() throws IOException {
        WriteBehind queue = queue(writerThread, BOUND);
        file.gate();
        queue.accept(chunk(0));
        queue.accept(chunk(1));
        return queue;
    }

    private static ByteBuffer chunk(int index) {
        byte[] bytes = new byte[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            bytes[i] = (byte) (index * CHUNK + i);
        }
        return ByteBuffer.wrap(bytes);
    }

    private static byte[] content(int chunks) {
        byte[] bytes = new byte[chunks * CHUNK];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** Waits for another thread to get somewhere: polls the condition until it holds, failing after the deadline. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited " + DEADLINE.toSeconds() + " s for " + what);
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static boolean waiting(Thread thread) {
        return thread.getState() == Thread.State.WAITING;
    }

    @Test
    void neverHoldsMoreThanTheBoundWhenTheClientSendsWithoutWaiting() throws Exception {
        int chunks = 40;
        WriteBehind queue = queue(writerThread, BOUND);
        file.gate();
        AtomicLong mostInFlightSeenByReceiver = new AtomicLong();
        Thread receiver = new Thread(() -> {
            try {
                for (int i = 0; i < chunks; i++) {
                    queue.accept(chunk(i));
                    mostInFlightSeenByReceiver.accumulateAndGet(queue.bytesInFlight(), Math::max);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "receiver");
        receiver.start();

        // The writer writes one chunk per permit; the receiver runs ahead until the bound holds it up.
        for (int written = 0; written < chunks; written++) {
            int released = written;
            await("the receiver to be held up or done", () -> !receiver.isAlive()
                    || waiting(receiver) && file.appendsStarted.get() > released);
            assertTrue(queue.bytesInFlight() <= BOUND, () -> queue.bytesInFlight() + " bytes in flight");
            file.permits.release();
        }
        receiver.join(DEADLINE.toMillis());

        assertSame(file, queue.drained());
        assertArrayEquals(content(chunks), file.bytes.toByteArray(), "every chunk written, in order");
        assertEquals(BOUND, mostInFlightSeenByReceiver.get(), "the receiver filled the queue to the bound");
        assertTrue(file.mostInFlightSeenByWriter.get() <= BOUND, "never past the bound");
        assertEquals(0, queue.bytesInFlight());
    }

    @Test
    void acknowledgesOnReceiptWhileAnotherChunkFitsAndOwesTheReadyOtherwise() throws IOException {
        ManualExecutor executor = new ManualExecutor();
        WriteBehind queue = queue(executor, BOUND);

        assertTrue(queue.accept(chunk(0)), "4 of 12 bytes in flight, another chunk fits");
        assertTrue(queue.accept(chunk(1)), "8 of 12");
        assertFalse(queue.accept(chunk(2)), "12 of 12: the ready is owed");
        assertEquals(0, queue.takeDueReadies());
        assertEquals(0, file.bytes.size(), "nothing written yet");

        executor.runAll();

        assertTrue(progressCalls.get() > 0, "told when the writes made room");
        assertEquals(1, queue.takeDueReadies());
        assertEquals(0, queue.takeDueReadies(), "a ready is due once");
        assertArrayEquals(content(3), file.bytes.toByteArray());
    }

    @Test
    void withoutWriteBehindEachChunkIsAcknowledgedOnceWritten() throws IOException {
        ManualExecutor executor = new ManualExecutor();
        WriteBehind queue = queue(executor, 0);

        assertFalse(queue.accept(chunk(0)));
        executor.runAll();

        assertEquals(1, progressCalls.get());
        assertEquals(1, queue.takeDueReadies());
        assertArrayEquals(content(1), file.bytes.toByteArray());
    }

    @Test
    void copiesEachChunkAndReusesItsBuffersInsteadOfAllocatingOnePerChunk() throws IOException {
        ManualExecutor executor = new ManualExecutor();
        WriteBehind queue = queue(executor, BOUND);
        ByteBuffer received = ByteBuffer.allocate(CHUNK);

        for (int i = 0; i < 10; i++) {
            received.clear();
            received.put(chunk(i)).flip();
            queue.accept(received);
            // The container may reuse its buffer once the handler returned.
            received.clear();
            received.put(new byte[CHUNK]);
            executor.runAll();
        }

        assertArrayEquals(content(10), file.bytes.toByteArray());
        assertEquals(1, file.buffersSeen.size(), "one buffer, written out and reused for every chunk");
    }

    @Test
    void aFailedWriteIsReportedAndEndsTheFile() throws IOException {
        ManualExecutor executor = new ManualExecutor();
        WriteBehind queue = queue(executor, BOUND);
        queue.accept(chunk(0));
        queue.accept(chunk(1));
        IOException diskError = new IOException("I/O error");
        file.failAppend = diskError;

        executor.runAll();

        assertEquals(1, progressCalls.get(), "the failure is reported at once");
        assertSame(diskError, queue.failure());
        assertEquals(0, queue.bytesInFlight(), "the chunk after it is dropped");
        assertSame(diskError, assertThrows(IOException.class, () -> queue.accept(chunk(2))));
        assertSame(diskError, assertThrows(IOException.class, queue::drained));
        queue.abandon();
        assertTrue(file.discarded);
    }

    @Test
    void aWriterTheExecutorRefusesFailsTheChunk() {
        ManualExecutor executor = new ManualExecutor();
        executor.refuse = true;
        WriteBehind queue = queue(executor, BOUND);

        RuntimeException refused = assertThrows(RuntimeException.class, () -> queue.accept(chunk(0)));

        assertSame(refused, queue.failure());
        assertEquals(0, queue.bytesInFlight());
    }

    @Test
    void drainedWaitsForEveryAcceptedByte() throws Exception {
        WriteBehind queue = twoChunksWaitingForPermits();

        CompletableFuture<UploadStorage.PartialFile> drained = new CompletableFuture<>();
        Thread finisher = new Thread(() -> {
            try {
                drained.complete(queue.drained());
            } catch (IOException e) {
                drained.completeExceptionally(e);
            }
        }, "finisher");
        finisher.start();
        await("the finisher to wait for the writer", () -> waiting(finisher));
        assertFalse(drained.isDone());

        file.permits.release(2);

        assertSame(file, drained.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertArrayEquals(content(2), file.bytes.toByteArray());
    }

    @Test
    void abandoningDuringAWriteDiscardsTheFileOnlyOnceThatWriteEnded() throws Exception {
        WriteBehind queue = twoChunksWaitingForPermits();
        await("the first write to start", () -> file.appendsStarted.get() == 1);

        queue.abandon();
        assertFalse(file.discarded, "not under the writer's feet");
        file.permits.release();

        await("the file to be discarded", () -> file.discarded);
        assertArrayEquals(content(1), file.bytes.toByteArray(), "the queued chunk was dropped, not written");
        assertEquals(0, progressCalls.get(), "an abandoned file has nothing to report");
    }

    @Test
    void handsOverToANewTaskAfterABoundsWorthOfBytes() {
        ManualExecutor executor = new ManualExecutor();
        WriteBehind queue = queue(executor, BOUND);
        AtomicInteger arrived = new AtomicInteger();
        Runnable arrive = () -> {
            try {
                queue.accept(chunk(arrived.getAndIncrement()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        arrive.run();
        // A fast client: the next chunk arrives while each one is written.
        file.duringAppend = () -> {
            if (arrived.get() < 8) {
                arrive.run();
            }
        };

        executor.runNext();
        assertEquals(BOUND, file.bytes.size(), "one task writes a bound's worth");
        assertEquals(1, executor.tasks.size(), "and leaves the rest to a task behind the others");

        executor.runAll();
        assertArrayEquals(content(8), file.bytes.toByteArray());
    }

    @Test
    void abandoningAnIdleQueueDiscardsAtOnce() throws IOException {
        ManualExecutor executor = new ManualExecutor();
        WriteBehind queue = queue(executor, BOUND);
        queue.accept(chunk(0));
        executor.runAll();

        queue.abandon();
        queue.abandon();

        assertTrue(file.discarded);
    }
}
