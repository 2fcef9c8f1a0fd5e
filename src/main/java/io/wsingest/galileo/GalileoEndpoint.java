package io.wsingest.galileo;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
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
import io.wsingest.auth.Identity;
import io.wsingest.auth.WebSocketAuthenticator;
import io.wsingest.logging.Incident;
import io.wsingest.logging.LogText;
import io.wsingest.projects.ProjectAccess;
import io.wsingest.projects.ProjectConnections;
import io.wsingest.projects.ProjectIds;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.FileCatalog;
import io.wsingest.storage.UserQuota;
import io.wsingest.websocket.CloseReasons;
import io.wsingest.websocket.ConnectionGuard;
import io.wsingest.websocket.Outbox;
import io.wsingest.websocket.SessionTransport;

/**
 * Protocol B, GalileoSend, at {@code /ws/galileo}: authenticates the connection, decodes each message, hands it to the
 * connection's {@link GalileoSession} and carries out the step it returns. {@code ?project=} stores the file as that
 * project's media; without it the file belongs to the user. Signals go out through the connection's {@link Outbox},
 * so a client that does not read never holds a worker thread; the {@link ConnectionGuard} limits a user's
 * connections and ends idle ones and, between files, those whose token expired.
 */
@ServerEndpoint(value = "/ws/galileo", configurator = WebSocketAuthenticator.class, subprotocols = "bearer")
public class GalileoEndpoint implements ConnectionGuard.Target {

    private static final Logger LOG = Logger.getLogger(GalileoEndpoint.class.getName());

    /** Chunks up to this much over the chunksize still arrive, so the client is told what was wrong. */
    static final int MIN_OVERSIZE_MARGIN = 64 * 1024;
    /**
     * Signals are tiny and the exchange is lock-step (the client waits for each ready signal): this much queued means
     * the client does not read.
     */
    static final long MAX_QUEUED_SIGNAL_BYTES = 16 * 1024;
    /** The name a user's connections are counted under. */
    private static final String PROTOCOL = "galileo";

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

    @Inject
    ConnectionGuard guard;

    @Inject
    ProjectConnections projectConnections;

    // The container calls the message handlers of a connection one at a time, but reports a dropped connection
    // (@OnClose, @OnError) from its I/O thread, possibly while a handler runs. The lock keeps the session
    // single-threaded without making the I/O thread wait: whichever of the two comes last discards the partial file.
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean disconnected;
    private volatile String disconnectReason = "";

    // Set in @OnOpen, the session last: it is volatile, so the I/O thread reporting a disconnect sees them all.
    private Session session;
    private Outbox outbox;
    private String userId;
    private String projectId;
    private ConnectionGuard.Guarded guarded;
    private ProjectConnections.Registration membership;
    private volatile GalileoSession upload;
    private final SignalAssembler signals = new SignalAssembler();

    @OnOpen
    public void open(Session session) {
        int chunkSize = settings.chunkSize();
        session.setMaxBinaryMessageBufferSize((int) Math.min(Integer.MAX_VALUE,
                (long) chunkSize + Math.max(chunkSize, MIN_OVERSIZE_MARGIN)));
        this.session = session;
        outbox = new Outbox(new SessionTransport(session), MAX_QUEUED_SIGNAL_BYTES, this::notReading);

        Authentication authentication = Authentication.of(session);
        Identity identity = authentication.identity();
        if (identity == null) {
            carryOut(GalileoSession.refuse(GalileoError.UNAUTHORIZED.failure(authentication.rejection())));
            return;
        }
        userId = identity.subject();
        List<String> project = session.getRequestParameterMap().get("project");
        if (project != null && !project.isEmpty()) {
            projectId = project.get(0);
            GalileoError.Failure refusal = projectRefusal();
            if (refusal != null) {
                carryOut(GalileoSession.refuse(refusal));
                return;
            }
        }
        Optional<ConnectionGuard.Guarded> admitted = guard.admit(PROTOCOL, userId, identity.expiresAt(),
                settings.idleTimeout(), this);
        if (admitted.isEmpty()) {
            carryOut(GalileoSession.refuse(GalileoError.TOO_MANY_CONNECTIONS.failure(guard.maxPerUser())));
            return;
        }
        guarded = admitted.get();
        upload = new GalileoSession(settings, new CatalogStorage(blobs, catalog, quota, userId, projectId));
        if (projectId != null) {
            membership = projectConnections.register(projectId, userId, this::accessRevoked);
        }
    }

    /** Text arrives in parts, so an overlong message is refused before it is all in memory. */
    @OnMessage
    public void text(String part, boolean last) {
        handle(() -> signals.part(part, last).map(upload::onText).orElse(Step.nothing()));
    }

    @OnMessage
    public void binary(ByteBuffer chunk) {
        handle(() -> upload.onBinary(chunk));
    }

    @OnClose
    public void closed(CloseReason reason) {
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

    @OnError
    public void failed(Throwable error) {
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
            lock.unlock();
        }
    }

    @Override
    public void idle() {
        lock.lock();
        try {
            carryOut(upload.end(GalileoError.IDLE_TIMEOUT.failure(settings.idleTimeout().toSeconds())));
        } finally {
            lock.unlock();
        }
    }

    /** The user was removed from the project: the file in progress is discarded, as for any refused upload. */
    private void accessRevoked() {
        lock.lock();
        try {
            LOG.info(() -> describe() + ": the user was removed from the project");
            carryOut(upload.end(GalileoError.PROJECT_REFUSED.failure()));
        } finally {
            lock.unlock();
        }
    }

    private void handle(Supplier<Step> transition) {
        if (upload == null) {
            // Refused when it opened; the connection is closing.
            return;
        }
        guarded.heard();
        lock.lock();
        try {
            if (!disconnected) {
                Step step;
                try {
                    step = transition.get();
                } catch (RuntimeException e) {
                    step = upload.onInternalError(e);
                }
                carryOut(step);
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
}
