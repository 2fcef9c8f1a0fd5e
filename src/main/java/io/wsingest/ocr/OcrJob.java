package io.wsingest.ocr;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.wsingest.logging.Incident;

/**
 * One image through an {@link OcrEngine}: tells its {@link Progress} when it starts, hands on the text so far after
 * line the engine finishes ({@code streamed_text} is cumulative; with an event interval, lines that come quicker are
 * sent together), and ends with the whole text or with an error message. A job never throws: every failure ends as
 * {@link Progress#failed}. Cancelling stops it at the next line without a final report (the upload it belonged to is
 * gone); a job that outlives its time limit stops at its next line and fails. Each job logs how long it took.
 */
public final class OcrJob {

    private static final Logger LOG = Logger.getLogger(OcrJob.class.getName());

    /** Opens the image's bytes; called once, on the job's thread. */
    @FunctionalInterface
    public interface Image {
        SeekableByteChannel open() throws IOException;
    }

    /** Where a job reports; the upload API persists each step and publishes it as an event. */
    public interface Progress {

        /** The job starts; false when it should not run after all (the upload is gone or no longer waiting). */
        boolean started();

        /** The text recognised so far; false when the job should stop (the upload is gone). */
        boolean text(String soFar);

        /** The job finished: the engine's whole text and a cleaned-up version of it. */
        void processed(String rawText, String processedText);

        /** The job failed; the message is for the user. */
        void failed(String message);

        /**
         * The job ends without having reported its end: its progress could not be written (the database, the
         * broker), or it was never started (the executor refused it). Whoever holds the work should let another job
         * take it; must not throw.
         */
        void abandoned();
    }

    /** Thrown through the engine to stop it mid-image; never leaves the job. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    private final String id;
    private final Image image;
    private final String contentType;
    private final OcrEngine engine;
    private final Progress progress;
    private final Duration timeout;
    private final Duration eventInterval;
    private final LongSupplier nanoClock;
    private volatile boolean cancelled;
    private volatile boolean timedOut;
    private volatile long elapsedNanos = -1;
    private volatile long firstLineNanos = -1;
    private volatile boolean started;

    /** A job without a time limit that reports every line. @param id the upload the job reads, for cancelling and logs */
    public OcrJob(String id, Image image, String contentType, OcrEngine engine, Progress progress) {
        this(id, image, contentType, engine, progress, null, Duration.ZERO, System::nanoTime);
    }

    /**
     * @param timeout       how long the job may run before it stops at its next line and fails; null for no limit
     * @param eventInterval the least time between two {@link Progress#text} reports; zero reports every line
     * @param nanoClock     {@link System#nanoTime} but in tests
     */
    public OcrJob(String id, Image image, String contentType, OcrEngine engine, Progress progress, Duration timeout,
                  Duration eventInterval, LongSupplier nanoClock) {
        this.id = Objects.requireNonNull(id, "id");
        this.image = Objects.requireNonNull(image, "image");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.timeout = timeout;
        this.eventInterval = Objects.requireNonNull(eventInterval, "eventInterval");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    public String id() {
        return id;
    }

    /** Asks the job to stop; a job that has not started will not start. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** How long the job ran, in milliseconds; -1 before it ends (or when it never started). */
    public long elapsedMillis() {
        long nanos = elapsedNanos;
        return nanos < 0 ? -1 : nanos / 1_000_000;
    }

    /** How long the job ran; empty before it ends, and for a job that never started (cancelled, upload gone). */
    public Optional<Duration> elapsed() {
        long nanos = elapsedNanos;
        return nanos < 0 || !started ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    /** How long the job took from its start to its first line of text; empty while (or when) it has none. */
    public Optional<Duration> firstLineAfter() {
        long nanos = firstLineNanos;
        return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    /** The job will not run or end after all (see {@link Progress#abandoned}). */
    public void abandon() {
        progress.abandoned();
    }

    /** Runs the job to its end on the calling thread. */
    public void run() {
        long start = nanoClock.getAsLong();
        String outcome = "failed";
        try {
            if (cancelled || !progress.started()) {
                return;
            }
            started = true;
            String text = recognise(start);
            if (text != null && !cancelled) {
                progress.processed(text, TextCleanup.clean(text));
                outcome = "processed";
            } else if (cancelled) {
                outcome = "cancelled";
            }
        } catch (RuntimeException e) {
            // The progress callbacks failed (the database, the broker): the upload stays where it was, and another
            // job (on any node) picks it up once this one has let go of it.
            LOG.log(Level.WARNING, "OCR job for upload " + id + " could not report its progress", e);
            progress.abandoned();
        } finally {
            elapsedNanos = nanoClock.getAsLong() - start;
            String ended = outcome;
            LOG.info(() -> "OCR job for upload " + id + " (" + engine.name() + ") " + ended + " after "
                    + elapsedMillis() + " ms");
        }
    }

    /** The engine's whole text, or null when the job stopped or failed (failure already reported). */
    private String recognise(long start) {
        StringBuilder text = new StringBuilder();
        long[] lastReport = {Long.MIN_VALUE};
        OcrListener listener = new OcrListener() {
            @Override
            public void onLine(String line) {
                if (isCancelled()) {
                    throw new Stopped();
                }
                long now = nanoClock.getAsLong();
                if (text.isEmpty()) {
                    firstLineNanos = now - start;
                } else {
                    text.append('\n');
                }
                text.append(line);
                if (lastReport[0] != Long.MIN_VALUE && now - lastReport[0] < eventInterval.toNanos()) {
                    return;
                }
                lastReport[0] = now;
                if (!progress.text(text.toString())) {
                    cancelled = true;
                    throw new Stopped();
                }
            }

            @Override
            public boolean isCancelled() {
                if (!timedOut && timeout != null && nanoClock.getAsLong() - start > timeout.toNanos()) {
                    timedOut = true;
                }
                return cancelled || timedOut;
            }
        };
        try (SeekableByteChannel channel = image.open()) {
            engine.recognise(channel, contentType, listener);
            if (listener.isCancelled()) {
                return stopped();
            }
            return text.toString();
        } catch (Stopped e) {
            return stopped();
        } catch (OcrFailure e) {
            progress.failed(e.getMessage());
        } catch (NoSuchFileException e) {
            progress.failed("The image is no longer in the store");
        } catch (IOException e) {
            Incident incident = Incident.log(LOG, "OCR job for upload " + id + " could not read its image", e);
            progress.failed("The image could not be read from the store (ref " + incident.ref() + ").");
        } catch (RuntimeException | LinkageError e) {
            // A LinkageError: a class or native library the engine needs did not load in this server. Without this
            // catch it would leave the upload processing with nothing in the log (the executor swallows it).
            Incident incident = Incident.log(LOG, "OCR engine " + engine.name() + " failed on upload " + id, e);
            progress.failed("The OCR engine failed unexpectedly (ref " + incident.ref() + ").");
        }
        return null;
    }

    /** A stop: silent when cancelled, a failure when the time limit ran out. */
    private String stopped() {
        if (timedOut && !cancelled) {
            progress.failed("OCR stopped: the job took longer than the limit of " + timeout.toSeconds()
                    + " seconds; try a smaller image.");
        }
        return null;
    }
}
