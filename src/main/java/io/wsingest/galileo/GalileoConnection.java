package io.wsingest.galileo;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import io.wsingest.logging.LogText;
import io.wsingest.metrics.ProtocolMeters;
import io.wsingest.projects.ProjectConnections;
import io.wsingest.projects.ProjectIds;
import io.wsingest.websocket.CloseReasons;
import io.wsingest.websocket.ConnectionGuard;
import io.wsingest.websocket.Outbox;
import io.wsingest.websocket.SessionTransport;

/**
 * One GalileoSend connection: its {@link GalileoSession}, the lock that keeps that session single-threaded, and the
 * {@link Outbox} its signals go out through, so a client that does not read never holds a worker thread. Carries
 * out the steps the session returns, for the client's messages and for the news of the file's writer (readies that
 * became due, a failed write); discards a partial file when the connection drops. The {@link ConnectionGuard} ends
 * it when idle, between files when its token expired, and when the application stops.
 */
final class GalileoConnection implements ConnectionGuard.Target {

    /** The protocol's documented logger: every line about a connection is the endpoint's. */
    private static final Logger LOG = Logger.getLogger(GalileoEndpoint.class.getName());

    /**
     * Signals are tiny and the exchange is lock-step (the client waits for each ready signal): this much queued means
     * the client does not read.
     */
    static final long MAX_QUEUED_SIGNAL_BYTES = 16 * 1024;

    private final Session session;
    private final Outbox outbox;
    private final GalileoSettings settings;
    private final String userId;
    private final String projectId;
    private final ProtocolMeters meters;

    // The container calls the message handlers of a connection one at a time, but reports a dropped connection
    // (@OnClose, @OnError) from its I/O thread, possibly while a handler runs. The lock keeps the session
    // single-threaded without making the I/O thread wait: whichever of the two comes last discards the partial file.
    private final ReentrantLock lock = new ReentrantLock();
    // The writer never waits for the lock (a handler holding it may be waiting for the writer): it sets this flag,
    // and whoever releases the lock next takes its news (release()).
    private volatile boolean writerProgressed;
    private volatile boolean disconnected;
    private volatile String disconnectReason = "";

    // Set by start(), the session last: it is volatile, so the I/O thread reporting a disconnect sees them all.
    private ConnectionGuard.Guarded guarded;
    private ProjectConnections.Registration membership;
    private volatile GalileoSession upload;

    /**
     * @param userId    the authenticated user; null when the connection is refused for want of a valid token
     * @param projectId the project the file goes into; null for the user's own files
     */
    GalileoConnection(Session session, GalileoSettings settings, String userId, String projectId,
                      ProtocolMeters meters) {
        this.session = session;
        this.meters = meters;
        this.outbox = new Outbox(new SessionTransport(session, meters::sent), MAX_QUEUED_SIGNAL_BYTES,
                this::notReading);
        this.settings = settings;
        this.userId = userId;
        this.projectId = projectId;
    }

    /** Refused when it opened: the error signal, then the close. */
    void refuse(GalileoError.Failure failure) {
        carryOut(GalileoSession.refuse(failure));
    }

    /** Admitted: messages go to {@code admitted} from now on. */
    void start(ConnectionGuard.Guarded guard, GalileoSession admitted, ProjectConnections projects) {
        guarded = guard;
        upload = admitted;
        if (projectId != null) {
            membership = projects.register(projectId, userId, this::accessRevoked);
        }
    }

    /** A message, decoded by {@code transition} into the session's step. */
    void handle(Function<GalileoSession, Step> transition) {
        if (upload == null) {
            // Refused when it opened; the connection is closing.
            return;
        }
        guarded.heard();
        lock.lock();
        try {
            transition(transition);
        } finally {
            release();
        }
        discardIfIdle();
    }

    /**
     * The file's writer has news (readies due, or a failed write); called on the writer's thread, never waits for the
     * lock.
     */
    void writerProgressed() {
        writerProgressed = true;
        takeWriterProgress();
    }

    void closed(CloseReason reason) {
        if (guarded != null) {
            guarded.closed();
        }
        if (membership != null) {
            membership.close();
        }
        outbox.close();
        String phrase = reason.getReasonPhrase();
        disconnectReason = "connection closed (" + reason.getCloseCode().getCode()
                + (phrase == null || phrase.isEmpty() ? "" : " " + GalileoError.quote(phrase, 64)) + ")";
        disconnected = true;
        discardIfIdle();
    }

    void failed(Throwable error) {
        LOG.log(Level.FINE, error, () -> describe() + ": connection error");
        disconnectReason = "connection error (" + error + ")";
        disconnected = true;
        discardIfIdle();
        CloseReasons.close(session, GalileoError.SERVER_ERROR.disconnect());
    }

    /** Between files the connection ends with its token; a file that is arriving is not cut by the clock. */
    @Override
    public boolean tokenExpired() {
        GalileoSession current = upload;
        // Not yet set while the connection is being admitted: asked again at the next sweep.
        if (current == null || !lock.tryLock()) {
            return false;
        }
        try {
            if (current.transferring()) {
                return false;
            }
            carryOut(current.end(GalileoError.UNAUTHORIZED.failure("token expired")));
            return true;
        } finally {
            release();
        }
    }

    @Override
    public void idle() {
        lock.lock();
        try {
            GalileoSession.State before = upload.state();
            carryOut(upload.end(GalileoError.IDLE_TIMEOUT.failure(settings.idleTimeout().toSeconds())));
            count(before);
        } finally {
            release();
        }
    }

    /** The application stops: the fatal error signal, then the close; the file in progress is discarded. */
    @Override
    public void shuttingDown() {
        GalileoSession current = upload;
        if (current == null) {
            // Admitted but not yet started: nothing to discard, no signal owed.
            CloseReasons.close(session, GalileoError.SHUTTING_DOWN.disconnect());
            return;
        }
        lock.lock();
        try {
            if (!disconnected) {
                carryOut(current.end(GalileoError.SHUTTING_DOWN.failure()));
            }
        } finally {
            release();
        }
    }

    /** The user was removed from the project: the file in progress is discarded, as for any refused upload. */
    private void accessRevoked() {
        lock.lock();
        try {
            LOG.info(() -> describe() + ": the user was removed from the project");
            GalileoSession.State before = upload.state();
            carryOut(upload.end(GalileoError.PROJECT_REFUSED.failure()));
            count(before);
        } finally {
            release();
        }
    }

    /** After a disconnect, discards a partial file unless a handler is running (it calls this again when done). */
    private void discardIfIdle() {
        if (!disconnected || upload == null || !lock.tryLock()) {
            return;
        }
        try {
            long received = upload.received();
            if (upload.abandon()) {
                meters.uploadFailed();
                LOG.info(() -> describe() + ": abandoned after " + received + " of " + upload.announcedSize()
                        + " bytes, " + disconnectReason + "; the partial file is discarded");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Holding the lock: runs the session's transition and carries out its step; a bug is an internal error. */
    private void transition(Function<GalileoSession, Step> transition) {
        if (disconnected) {
            return;
        }
        GalileoSession.State before = upload.state();
        Step step;
        try {
            step = transition.apply(upload);
        } catch (RuntimeException e) {
            step = upload.onInternalError(e);
        }
        carryOut(step);
        count(before);
        if (step.stored()) {
            LOG.info(() -> describe() + ": stored as file " + upload.storedFileId().orElseThrow()
                    + " (" + upload.received() + " bytes)");
        }
    }

    /** Unlocks, then takes the news the writer left while the lock was held. */
    private void release() {
        lock.unlock();
        takeWriterProgress();
    }

    /**
     * Takes the writer's news if the lock is free; if not, its holder takes them when it releases the lock. The flag is
     * set before the attempt and read after every release, so no news is left behind.
     */
    private void takeWriterProgress() {
        while (writerProgressed && lock.tryLock()) {
            try {
                if (writerProgressed) {
                    writerProgressed = false;
                    transition(GalileoSession::onWriterProgress);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Counts what a step did to the file: accepted (started), stored (completed), or lost while arriving (failed). */
    private void count(GalileoSession.State before) {
        GalileoSession.State after = upload.state();
        boolean arriving = before == GalileoSession.State.RECEIVING || before == GalileoSession.State.END_OF_FILE;
        if (before == GalileoSession.State.AWAITING_METADATA && after != GalileoSession.State.FAILED
                && after != before) {
            meters.uploadStarted();
        } else if (arriving && after == GalileoSession.State.STORED) {
            meters.uploadCompleted();
        } else if (arriving && after == GalileoSession.State.FAILED) {
            meters.uploadFailed();
        }
    }

    /** Queues the step's signals and, when it ends the connection, closes it once they are sent. */
    private void carryOut(Step step) {
        if (step.failure() != null) {
            log(step.failure());
        }
        step.signals().forEach(signal -> outbox.offerText(GalileoCodec.encode(signal)));
        if (step.disconnect() != null) {
            outbox.closeAfterQueued(() -> CloseReasons.close(session, step.disconnect()));
        }
    }

    /**
     * The outbox overflowed: the client sends but does not read. No signal can reach it, so the connection is closed
     * at once; its close handling discards the partial file.
     */
    private void notReading() {
        LOG.info(() -> describe() + ": the client reads nothing; closing the connection");
        CloseReasons.close(session, GalileoError.NOT_READING.disconnect());
    }

    private void log(GalileoError.Failure failure) {
        if (failure.cause() != null) {
            LOG.log(Level.WARNING, failure.cause(), () -> describe() + " failed: " + LogText.escape(failure.message()));
        } else {
            LOG.log(failure.fatal() ? Level.INFO : Level.FINE, () -> describe()
                    + (failure.fatal() ? " failed: " : " got a rejected message: ")
                    + LogText.escape(failure.message()));
        }
    }

    /** Who, into which project, which file: for every log line about this connection. */
    private String describe() {
        String who = userId == null ? "an unauthenticated client" : "user " + LogText.escape(userId);
        String where = projectId == null ? "no project"
                : "project " + (ProjectIds.isValid(projectId) ? projectId : "(invalid id)");
        String what = upload == null ? "" : upload.fileName().map(name -> ", file '" + LogText.escape(name) + "'")
                .orElse("");
        return "GalileoSend upload by " + who + " into " + where + what;
    }
}
