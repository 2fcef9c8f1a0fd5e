package io.wsingest.upload;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.wsingest.concurrency.PeriodicTask;
import io.wsingest.storage.SpoolFile;
import io.wsingest.websocket.Outbox;

/**
 * The heartbeat of one upload connection: every period, on the scheduler's thread, the bytes received so far are
 * fsynced and recorded, and only then reported to the client, so a heartbeat never names a byte a crash could lose.
 * The fsync and the database update run outside the connection's lock, so data keeps flowing meanwhile; nothing
 * closes the spool file until they are done ({@link #awaitFlush()}). Every method but the tick is called holding the
 * connection's lock.
 */
final class UploadHeartbeat {

    /** What the heartbeat asks of its connection, always holding the connection's lock. */
    interface Host {
        /** The exchange's tick: true when a heartbeat is due; anything else (the idle timeout) the host carries out. */
        boolean heartbeatDue();

        /** The spool file the upload is written to; null while there is none. */
        SpoolFile spool();

        String uploadId();

        /** Whether the connection still uploads the chain, so that a heartbeat is its to send. */
        boolean ownsUpload();

        /** Recording found the chain taken over by another connection or finished: the host lets go of it. */
        void lost(ChainRecords.Progress progress);

        /** The heartbeat failed: the host closes the connection with its error. */
        void failedLocked(Throwable failure);
    }

    private final ReentrantLock lock;
    private final Condition flushDone;
    private final Host host;
    private final ChainService chains;
    private final String connectionId;
    private final Outbox outbox;

    // Guarded by lock.
    private boolean flushing;
    /** Bytes fsynced and recorded: the most a heartbeat may report. */
    private long durable;
    private PeriodicTask ticker;

    UploadHeartbeat(ReentrantLock lock, Host host, ChainService chains, String connectionId, Outbox outbox) {
        this.lock = lock;
        this.flushDone = lock.newCondition();
        this.host = host;
        this.chains = chains;
        this.connectionId = connectionId;
        this.outbox = outbox;
    }

    /** Ticks every heartbeat period from now on. */
    void start() {
        ticker = chains.every(chains.settings().heartbeat(), () -> "The heartbeat of connection " + connectionId,
                this::tick);
    }

    void stop() {
        if (ticker != null) {
            ticker.stop();
            ticker = null;
        }
    }

    long durable() {
        return durable;
    }

    /** The first {@code offset} bytes are durable: where a taken-over upload continues, or a stored file's size. */
    void markDurable(long offset) {
        durable = offset;
    }

    /** Sends a heartbeat with the durable offset now. */
    void report() {
        outbox.offerText(Long.toString(durable));
    }

    /**
     * The connection lets go of the upload: what {@code spool} holds is forced to disk and counts as durable. Call
     * after {@link #awaitFlush()}.
     *
     * @throws IOException if the bytes could not be forced; the durable offset stays what it was
     */
    void forceAll(SpoolFile spool) throws IOException {
        spool.force();
        durable = spool.length();
    }

    /** Waits until a heartbeat's fsync is done with the spool file; the lock is released meanwhile. */
    void awaitFlush() {
        while (flushing) {
            flushDone.awaitUninterruptibly();
        }
    }

    /** The periodic tick, on the scheduler's thread: the idle timeout, and the heartbeat. */
    private void tick() {
        try {
            SpoolFile flushed;
            long target;
            String uploadId;
            lock.lock();
            try {
                if (!host.heartbeatDue()) {
                    return;
                }
                SpoolFile spool = host.spool();
                if (flushing || spool == null) {
                    return;
                }
                if (spool.length() == durable) {
                    report();
                    return;
                }
                flushed = spool;
                target = spool.length();
                uploadId = host.uploadId();
                flushing = true;
            } finally {
                lock.unlock();
            }
            flushAndReport(flushed, uploadId, target);
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: report the failure to the client instead.
            lock.lock();
            try {
                host.failedLocked(e);
            } finally {
                lock.unlock();
            }
        }
    }

    private void flushAndReport(SpoolFile flushed, String uploadId, long target) {
        ChainRecords.Progress progress = null;
        Exception failure = null;
        try {
            // Appends go on meanwhile; the fsync covers at least the first target bytes.
            progress = flushed.checkpoint(target, offset -> chains.recordProgress(uploadId, connectionId, offset));
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        lock.lock();
        try {
            flushing = false;
            flushDone.signalAll();
            if (failure != null) {
                host.failedLocked(failure);
            } else if (progress == ChainRecords.Progress.RECORDED) {
                durable = target;
                if (host.ownsUpload()) {
                    report();
                }
            } else {
                host.lost(progress);
            }
        } finally {
            lock.unlock();
        }
    }
}
