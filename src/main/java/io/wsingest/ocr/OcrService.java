package io.wsingest.ocr;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

/**
 * The application's OCR jobs: made with the configured engine and run by an {@link OcrQueue} on the server's default
 * managed executor (so jobs run with the application's context, and the server's thread pool settings apply). Its
 * counts are published as the MBean {@code io.wsingest:type=Ocr}.
 */
@ApplicationScoped
public class OcrService {

    private static final Logger LOG = Logger.getLogger(OcrService.class.getName());

    /** How long an undeployment waits for cancelled jobs to end: one line of text, or one page's layout. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    @Resource
    ManagedExecutorService executor;

    @Inject
    OcrSettings settings;

    @Inject
    OcrEngine engine;

    private OcrQueue queue;

    private ObjectName mbeanName;

    @PostConstruct
    void start() {
        queue = new OcrQueue(executor, settings.workers(), settings.queueLimit());
        try {
            mbeanName = new ObjectName(OcrStatsMBean.OBJECT_NAME);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(mbeanName)) {
                server.unregisterMBean(mbeanName);
            }
            server.registerMBean(new OcrStats(queue), mbeanName);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "The OCR statistics MBean could not be registered", e);
            mbeanName = null;
        }
    }

    /** Makes the service, and so the engine, when the application starts: its log says at once whether OCR runs. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.fine(() -> "OCR ready with " + engine.name());
    }

    /**
     * Cancels every job and waits for the running ones to end while the application's beans are all still there. The
     * executor is the server's, so an undeployment does not wait for its tasks: a job that reported its progress as
     * the beans went found no transaction manager and left its transaction, and the row lock of its upload, on the
     * executor's thread, where the next deployment's recovery timed out on it.
     */
    void stopWithApplication(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        queue.shutDown();
        try {
            if (!queue.awaitIdle(STOP_WAIT)) {
                LOG.warning(() -> queue.runningCount() + " OCR jobs were still running " + STOP_WAIT.toSeconds()
                        + " s after they were cancelled; the application stops without them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        queue.shutDown();
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (JMException e) {
                LOG.log(Level.FINE, "The OCR statistics MBean was already gone", e);
            }
        }
    }

    /** Whether OCR runs on this server; when it does not, no job is taken. */
    public OcrState state() {
        return engine instanceof UnavailableEngine unavailable ? unavailable.state() : OcrState.RUNNING;
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
        return new OcrJob(id, image, contentType, engine, progress, settings.jobTimeout(), settings.eventInterval(),
                System::nanoTime);
    }

    /** Starts or queues the job; false when the queue is full, the application is stopping or OCR does not run. */
    public boolean submit(OcrJob job) {
        return state() == OcrState.RUNNING && queue.submit(job);
    }

    /** Cancels the job of this upload, waiting or running. */
    public void cancel(String id) {
        queue.cancel(id);
    }

    /** Whether a job for this upload is waiting or running. */
    public boolean hasJob(String id) {
        return queue.contains(id);
    }

    /** How many more jobs {@link #submit} would take now: none while OCR does not run (other nodes take them). */
    public int freeSlots() {
        return state() == OcrState.RUNNING ? queue.freeSlots() : 0;
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
