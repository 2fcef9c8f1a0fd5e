package io.wsingest.ocr;

import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

/**
 * The application's OCR jobs: made with the configured engine and run by an {@link OcrQueue} on the server's default
 * managed executor (so jobs run with the application's context, and the server's thread pool settings apply).
 */
@ApplicationScoped
public class OcrService {

    @Resource
    ManagedExecutorService executor;

    @Inject
    OcrSettings settings;

    @Inject
    OcrEngine engine;

    private OcrQueue queue;

    @PostConstruct
    void start() {
        queue = new OcrQueue(executor, settings.workers(), settings.queueLimit());
    }

    @PreDestroy
    void stop() {
        queue.shutDown();
    }

    /** The content types the engine reads, in the engine's order. */
    public Set<String> contentTypes() {
        return engine.contentTypes();
    }

    /** Whether the engine reads images of this content type. */
    public boolean reads(String contentType) {
        return engine.contentTypes().contains(contentType);
    }

    /** A job for one image with the configured engine; {@link #submit} runs it. */
    public OcrJob newJob(String id, OcrJob.Image image, String contentType, OcrJob.Progress progress) {
        return new OcrJob(id, image, contentType, engine, progress);
    }

    /** Starts or queues the job; false when the queue is full (or the application is stopping). */
    public boolean submit(OcrJob job) {
        return queue.submit(job);
    }

    /** Cancels the job of this upload, waiting or running. */
    public void cancel(String id) {
        queue.cancel(id);
    }

    /** Whether a job for this upload is waiting or running. */
    public boolean hasJob(String id) {
        return queue.contains(id);
    }

    public int waitingCount() {
        return queue.waitingCount();
    }

    public int runningCount() {
        return queue.runningCount();
    }

    public OcrSettings settings() {
        return settings;
    }
}
