package io.wsingest.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;

/**
 * The figures of one protocol whose connections the application counts one by one (A to D): its connections, its
 * bytes in and out, and its uploads. Thread-safe; each call is a counter increment.
 */
public final class ProtocolMeters {

    private final AtomicInteger open;
    private final Counter opened;
    private final Counter received;
    private final Counter sent;
    private final Counter uploadsStarted;
    private final Counter uploadsCompleted;
    private final Counter uploadsFailed;
    private final Counter uploadsResumed;

    ProtocolMeters(Metrics metrics, Protocol protocol) {
        this.open = new AtomicInteger();
        metrics.gauge(Meter.CONNECTIONS_OPEN, protocol, open::get);
        this.opened = metrics.counter(Meter.CONNECTIONS_OPENED, protocol);
        this.received = metrics.counter(Meter.RECEIVED_BYTES, protocol);
        this.sent = metrics.counter(Meter.SENT_BYTES, protocol);
        this.uploadsStarted = metrics.counter(Meter.UPLOADS_STARTED, protocol);
        this.uploadsCompleted = metrics.counter(Meter.UPLOADS_COMPLETED, protocol);
        this.uploadsFailed = metrics.counter(Meter.UPLOADS_FAILED, protocol);
        this.uploadsResumed = metrics.counter(Meter.UPLOADS_RESUMED, protocol);
    }

    /** A connection was admitted; {@link #connectionClosed()} must follow once. */
    public void connectionOpened() {
        open.incrementAndGet();
        opened.increment();
    }

    public void connectionClosed() {
        open.decrementAndGet();
    }

    /** A message (or a part of one) arrived: its payload, text counted in UTF-8. */
    public void received(long bytes) {
        received.increment(bytes);
    }

    /** A message went to the client: its payload, text counted in UTF-8. */
    public void sent(long bytes) {
        sent.increment(bytes);
    }

    public void uploadStarted() {
        uploadsStarted.increment();
    }

    public void uploadCompleted() {
        uploadsCompleted.increment();
    }

    public void uploadFailed() {
        uploadsFailed.increment();
    }

    public void uploadResumed() {
        uploadsResumed.increment();
    }
}
