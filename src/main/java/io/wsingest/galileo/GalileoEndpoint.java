package io.wsingest.galileo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import io.wsingest.auth.Authentication;
import io.wsingest.auth.WebSocketAuthenticator;
import io.wsingest.logging.Incident;
import io.wsingest.logging.LogText;
import io.wsingest.projects.ProjectAccess;
import io.wsingest.projects.ProjectIds;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.FileCatalog;
import io.wsingest.storage.UserQuota;
import io.wsingest.websocket.CloseReasons;

/**
 * Protocol B, GalileoSend, at {@code /ws/galileo}: authenticates the connection, decodes each message, hands it to the
 * connection's {@link GalileoSession} and carries out the step it returns. {@code ?project=} stores the file as that
 * project's media; without it the file belongs to the user.
 */
@ServerEndpoint(value = "/ws/galileo", configurator = WebSocketAuthenticator.class, subprotocols = "bearer")
public class GalileoEndpoint {

    private static final Logger LOG = Logger.getLogger(GalileoEndpoint.class.getName());

    /** Chunks up to this much over the chunksize still arrive, so the client is told what was wrong. */
    static final int MIN_OVERSIZE_MARGIN = 64 * 1024;

    @Inject
    GalileoSettings settings;

    @Inject
    ProjectAccess projects;

    @Inject
    BlobStore blobs;

    @Inject
    FileCatalog catalog;

    @Inject
    UserQuota quota;

    // The container calls the message handlers of a connection one at a time, but reports a dropped connection
    // (@OnClose, @OnError) from its I/O thread, possibly while a handler runs. The lock keeps the session
    // single-threaded without making the I/O thread wait: whichever of the two comes last discards the partial file.
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean disconnected;
    private volatile String disconnectReason = "";

    // Set in @OnOpen, the session last: it is volatile, so the I/O thread reporting a disconnect sees all three.
    private String userId;
    private String projectId;
    private volatile GalileoSession upload;
    private final SignalAssembler signals = new SignalAssembler();

    @OnOpen
    public void open(Session session) {
        int chunkSize = settings.chunkSize();
        session.setMaxBinaryMessageBufferSize((int) Math.min(Integer.MAX_VALUE,
                (long) chunkSize + Math.max(chunkSize, MIN_OVERSIZE_MARGIN)));
        session.setMaxIdleTimeout(settings.idleTimeout().toMillis());

        Authentication authentication = Authentication.of(session);
        if (authentication instanceof Authentication.Rejected rejected) {
            carryOut(session, GalileoSession.refuse(GalileoError.UNAUTHORIZED.failure(rejected.reason())));
            return;
        }
        userId = ((Authentication.Authenticated) authentication).identity().subject();
        List<String> project = session.getRequestParameterMap().get("project");
        if (project != null && !project.isEmpty()) {
            projectId = project.get(0);
            GalileoError.Failure refusal = projectRefusal();
            if (refusal != null) {
                carryOut(session, GalileoSession.refuse(refusal));
                return;
            }
        }
        upload = new GalileoSession(settings, new CatalogStorage(blobs, catalog, quota, userId, projectId));
    }

    /** Text arrives in parts, so an overlong message is refused before it is all in memory. */
    @OnMessage
    public void text(String part, boolean last, Session session) {
        handle(session, () -> signals.part(part, last).map(upload::onText).orElse(Step.nothing()));
    }

    @OnMessage
    public void binary(ByteBuffer chunk, Session session) {
        handle(session, () -> upload.onBinary(chunk));
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        String phrase = reason.getReasonPhrase();
        disconnectReason = "connection closed (" + reason.getCloseCode().getCode()
                + (phrase == null || phrase.isEmpty() ? "" : " " + GalileoError.quote(phrase, 64)) + ")";
        disconnected = true;
        discardIfIdle();
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, error, () -> describe() + ": connection error");
        disconnectReason = "connection error (" + error + ")";
        disconnected = true;
        discardIfIdle();
        close(session, CloseReasons.of(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "Server error"));
    }

    private void handle(Session session, Supplier<Step> transition) {
        if (upload == null) {
            // Refused when it opened; the connection is closing.
            return;
        }
        lock.lock();
        try {
            if (!disconnected) {
                Step step;
                try {
                    step = transition.get();
                } catch (RuntimeException e) {
                    step = upload.onInternalError(e);
                }
                carryOut(session, step);
                if (step.stored()) {
                    LOG.info(() -> describe() + ": stored as file " + upload.storedFileId().orElseThrow()
                            + " (" + upload.received() + " bytes)");
                }
            }
        } finally {
            lock.unlock();
        }
        discardIfIdle();
    }

    /** After a disconnect, discards a partial file unless a handler is running (it calls this again when done). */
    private void discardIfIdle() {
        if (!disconnected || upload == null || !lock.tryLock()) {
            return;
        }
        try {
            long received = upload.received();
            if (upload.abandon()) {
                LOG.info(() -> describe() + ": abandoned after " + received + " of " + upload.announcedSize()
                        + " bytes, " + disconnectReason + "; the partial file is discarded");
            }
        } finally {
            lock.unlock();
        }
    }

    private void carryOut(Session session, Step step) {
        if (step.failure() != null) {
            log(step.failure());
        }
        for (ServerSignal signal : step.signals()) {
            if (!send(session, GalileoCodec.encode(signal))) {
                return;
            }
        }
        if (step.disconnect() != null) {
            close(session, CloseReasons.of(step.disconnect().code(), step.disconnect().reason()));
        }
    }

    /**
     * Sends one signal and waits until it is written. A client that stops reading (while still sending, so the idle
     * timeout never fires) would otherwise hold this worker thread for good: after the idle timeout it is closed.
     */
    private boolean send(Session session, String text) {
        long timeout = settings.idleTimeout().toMillis();
        try {
            Future<Void> sent = session.getAsyncRemote().sendText(text);
            if (timeout == 0) {
                sent.get();
            } else {
                sent.get(timeout, TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            LOG.info(() -> describe() + ": the client reads nothing; closing the connection");
            close(session, CloseReasons.of(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "Not reading"));
            return false;
        } catch (ExecutionException | IllegalStateException e) {
            // The connection is gone; its close handling discards the partial file.
            LOG.log(Level.FINE, e, () -> describe() + ": cannot send");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private GalileoError.Failure projectRefusal() {
        try {
            // The same answer for a project that does not exist and one the user may not upload to.
            return projects.mayUpload(userId, projectId) ? null : GalileoError.PROJECT_REFUSED.failure();
        } catch (RuntimeException e) {
            return GalileoError.INTERNAL_ERROR.failure(Incident.next().ref()).withCause(e);
        }
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

    private static void close(Session session, CloseReason reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.log(Level.FINE, "Cannot close a GalileoSend connection cleanly", e);
        }
    }
}
