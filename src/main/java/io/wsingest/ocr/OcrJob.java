package io.wsingest.ocr;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One image through an {@link OcrEngine}: tells its {@link Progress} when it starts, hands on the text so far after
 * every line the engine finishes ({@code streamed_text} is cumulative), and ends with the whole text or with an
 * error message. A job never throws: every failure ends as {@link Progress#failed}. Cancelling stops it at the next
 * line without a final report (the upload it belonged to is gone).
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
    private volatile boolean cancelled;

    /** @param id the upload the job reads, for cancelling and logs */
    public OcrJob(String id, Image image, String contentType, OcrEngine engine, Progress progress) {
        this.id = Objects.requireNonNull(id, "id");
        this.image = Objects.requireNonNull(image, "image");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.progress = Objects.requireNonNull(progress, "progress");
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

    /** Runs the job to its end on the calling thread. */
    public void run() {
        try {
            if (cancelled || !progress.started()) {
                return;
            }
            String text = recognise();
            if (text != null && !cancelled) {
                progress.processed(text, TextCleanup.clean(text));
            }
        } catch (RuntimeException e) {
            // The progress callbacks failed (the database, the broker): the upload stays where it was and is
            // picked up again at the next start-up.
            LOG.log(Level.WARNING, "OCR job for upload " + id + " could not report its progress", e);
        }
    }

    /** The engine's whole text, or null when the job stopped or failed (failure already reported). */
    private String recognise() {
        StringBuilder text = new StringBuilder();
        OcrListener listener = new OcrListener() {
            @Override
            public void onLine(String line) {
                if (cancelled) {
                    throw new Stopped();
                }
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(line);
                if (!progress.text(text.toString())) {
                    cancelled = true;
                    throw new Stopped();
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
        try (SeekableByteChannel channel = image.open()) {
            engine.recognise(channel, contentType, listener);
            return text.toString();
        } catch (Stopped e) {
            return null;
        } catch (OcrFailure e) {
            progress.failed(e.getMessage());
        } catch (NoSuchFileException e) {
            progress.failed("The image is no longer in the store");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "OCR job for upload " + id + " could not read its image", e);
            progress.failed("The image could not be read from the store; the server log has the details.");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "OCR engine " + engine.name() + " failed on upload " + id, e);
            progress.failed("The OCR engine failed unexpectedly; the server log has the details.");
        }
        return null;
    }
}
