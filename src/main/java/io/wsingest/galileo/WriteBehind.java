package io.wsingest.galileo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The chunks of one file on their way to disk: each chunk is copied as it arrives and appended (and so hashed) in
 * order by a task on {@code executor}, while the connection already takes the next one. At most
 * {@code maxBytesInFlight} bytes (or one chunk, when a chunk is larger) are held at any moment, copied and not yet
 * written: that is the memory an upload holds whatever the size of its file.
 *
 * <p>GalileoSend answers each chunk with one ready signal. {@link #accept} says whether that ready may go out at once,
 * which it may while another whole chunk still fits under the bound; otherwise the ready is owed, and the queue calls
 * {@code progress} once the writer made room, for the owner to collect it with {@link #takeDueReadies()}. A client
 * that sends without waiting for its ready is held up in {@link #accept} until the writer made room, as a synchronous
 * write would hold it.
 *
 * <p>Only one thread at a time touches the file: the writer while chunks are queued; {@link #drained()}'s caller once
 * the queue is empty; whoever comes last after {@link #abandon()}. Thread-safe.
 */
final class WriteBehind {

    private static final Logger LOG = Logger.getLogger(WriteBehind.class.getName());

    private final UploadStorage.PartialFile file;
    private final Executor executor;
    private final long maxBytesInFlight;
    private final int chunkSize;
    private final Runnable progress;
    private final int maxSpare;

    // All guarded by this.
    private final Deque<ByteBuffer> queue = new ArrayDeque<>();
    /** Full-size buffers written out and kept for the next chunks, so a steady upload allocates nothing per chunk. */
    private final Deque<ByteBuffer> spare = new ArrayDeque<>();
    private long bytesInFlight;
    /** A writer task is scheduled or running; it owns the file until it ends. */
    private boolean writing;
    private int owedReadies;
    private Exception failure;
    private boolean abandoned;

    /**
     * @param chunkSize        the largest chunk; a ready goes out while another chunk of this size still fits
     * @param maxBytesInFlight the most bytes copied and not yet written; 0 acknowledges each chunk once it is written
     * @param progress         called on the writer's thread, holding no lock, when owed readies became due or
     *                         writing failed; must not block
     */
    WriteBehind(UploadStorage.PartialFile file, Executor executor, long maxBytesInFlight, int chunkSize,
                Runnable progress) {
        this.file = file;
        this.executor = executor;
        this.maxBytesInFlight = maxBytesInFlight;
        this.chunkSize = chunkSize;
        this.progress = progress;
        this.maxSpare = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxBytesInFlight / chunkSize));
    }

    /**
     * Copies {@code chunk} (consuming it) into the queue and starts the writer if it is idle; waits first while the
     * chunk would carry the bytes in flight over the bound.
     *
     * @return whether the chunk's ready may be sent now; if not, it is owed
     * @throws IOException      the failure of an earlier write (nothing more is written), or an interruption
     * @throws RuntimeException the executor refused the writer (the application stops): nothing more is written
     */
    boolean accept(ByteBuffer chunk) throws IOException {
        int length = chunk.remaining();
        ByteBuffer copy;
        synchronized (this) {
            // Only a client that sends without waiting for its ready ever waits here.
            while (failure == null && bytesInFlight > 0 && bytesInFlight + length > maxBytesInFlight) {
                awaitChange();
            }
            throwIfFailed();
            copy = length == chunkSize && !spare.isEmpty() ? spare.pop() : ByteBuffer.allocate(length);
            bytesInFlight += length;
        }
        copy.put(chunk).flip();
        boolean readyNow;
        boolean start;
        synchronized (this) {
            queue.add(copy);
            readyNow = owedReadies == 0 && roomForAChunk();
            if (!readyNow) {
                owedReadies++;
            }
            start = !writing;
            writing = true;
        }
        if (start) {
            startWriter();
        }
        return readyNow;
    }

    /** The readies owed for chunks accepted earlier that may go out now (there is room again); 0 or more. */
    synchronized int takeDueReadies() {
        if (owedReadies == 0 || !roomForAChunk()) {
            return 0;
        }
        int due = owedReadies;
        owedReadies = 0;
        return due;
    }

    /** Why writing failed, or null. After a failure nothing more is written. */
    synchronized Exception failure() {
        return failure;
    }

    /** Bytes copied and not yet written. */
    synchronized long bytesInFlight() {
        return bytesInFlight;
    }

    /**
     * Waits until every accepted byte is written and hands over the file, to be checked and kept; accept nothing after
     * this.
     *
     * @throws IOException why writing failed, or an interruption
     */
    synchronized UploadStorage.PartialFile drained() throws IOException {
        while (failure == null && writing) {
            awaitChange();
        }
        throwIfFailed();
        return file;
    }

    /**
     * Drops whatever is queued and discards the file: now if no write is under way, else as soon as it ends (the file
     * is never touched by two threads). Safe to call more than once; never throws.
     */
    void abandon() {
        boolean discardNow;
        synchronized (this) {
            if (abandoned) {
                return;
            }
            abandoned = true;
            queue.clear();
            bytesInFlight = 0;
            discardNow = !writing;
            notifyAll();
        }
        if (discardNow) {
            file.discard();
        }
    }

    private void startWriter() {
        try {
            executor.execute(this::writeQueued);
        } catch (RuntimeException e) {
            refused(e);
            throw e;
        }
    }

    /**
     * The writer: appends the queued chunks in order until none is left, a write failed, or the file was dropped.
     * After a bound's worth of bytes it hands over to a new task behind the others on the executor, so that a slow
     * disk never lets a few uploads hold every thread of the pool.
     */
    private void writeQueued() {
        long budget = Math.max(maxBytesInFlight, chunkSize);
        long written = 0;
        while (true) {
            ByteBuffer next;
            boolean discard = false;
            synchronized (this) {
                if (failure != null || abandoned || queue.isEmpty()) {
                    next = null;
                    writing = false;
                    discard = abandoned;
                    notifyAll();
                } else {
                    next = written < budget ? queue.poll() : null;
                }
            }
            if (next == null) {
                if (discard) {
                    file.discard();
                } else if (written >= budget) {
                    continueLater();
                }
                return;
            }
            int length = next.remaining();
            written += length;
            Exception failed = null;
            try {
                file.append(next);
            } catch (IOException | RuntimeException e) {
                failed = e;
            }
            boolean progressed;
            synchronized (this) {
                if (!abandoned) {
                    bytesInFlight -= length;
                }
                if (next.capacity() == chunkSize && spare.size() < maxSpare) {
                    spare.push(next.clear());
                }
                if (failed != null && failure == null) {
                    failure = failed;
                    queue.clear();
                    bytesInFlight = 0;
                }
                progressed = !abandoned && (failed != null || owedReadies > 0 && roomForAChunk());
                notifyAll();
            }
            if (progressed) {
                tellProgress();
            }
        }
    }

    private void continueLater() {
        try {
            executor.execute(this::writeQueued);
        } catch (RuntimeException e) {
            if (refused(e)) {
                tellProgress();
            }
        }
    }

    /**
     * The executor refused the writer (the application stops): nothing more is written.
     *
     * @return whether the failure is news (the file was not abandoned meanwhile)
     */
    private boolean refused(RuntimeException cause) {
        boolean discard;
        synchronized (this) {
            if (failure == null) {
                failure = cause;
            }
            queue.clear();
            bytesInFlight = 0;
            writing = false;
            discard = abandoned;
            notifyAll();
        }
        if (discard) {
            file.discard();
        }
        return !discard;
    }

    /** A failure there must not end the writer: whoever waits in drained() would wait for ever. */
    private void tellProgress() {
        try {
            progress.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reporting the progress of a file's writes failed", e);
        }
    }

    /** Under the lock: another whole chunk fits, or nothing is in flight (a chunk larger than the bound). */
    private boolean roomForAChunk() {
        return bytesInFlight == 0 || bytesInFlight + chunkSize <= maxBytesInFlight;
    }

    /** Under the lock. */
    private void awaitChange() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the file's writes");
        }
    }

    /** Under the lock. */
    private void throwIfFailed() throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
    }
}
