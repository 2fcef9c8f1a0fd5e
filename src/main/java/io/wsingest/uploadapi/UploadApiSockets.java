package io.wsingest.uploadapi;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;

import io.wsingest.auth.Authentication;
import io.wsingest.auth.Identity;
import io.wsingest.events.EventHistory;
import io.wsingest.events.SessionRegistry;
import io.wsingest.events.UploadEvent;
import io.wsingest.logging.LogText;
import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.Protocol;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.SpoolFile;
import io.wsingest.storage.UserQuota;
import io.wsingest.websocket.CloseReasons;
import io.wsingest.websocket.ConnectionGuard;

/**
 * Opens Upload API sockets: checks who connects and, on a per-upload path, that the upload is theirs; then makes the
 * socket's state and registers it for the user's events. A refused socket is closed with its code and reason.
 */
@ApplicationScoped
class UploadApiSockets {

    private static final Logger LOG = Logger.getLogger(UploadApiSockets.class.getName());
    private static final Protocol PROTOCOL = Protocol.D;
    /**
     * How long a new socket's events wait for its first message: a reconnecting client's {@code subscribe} with
     * {@code since}, which then catches up exactly (docs/protocol-d-upload-api.md, recovery).
     */
    static final Duration OPENING_HOLD = Duration.ofSeconds(3);

    @Inject
    UploadApiCommands commands;

    @Inject
    UploadService uploads;

    @Inject
    SessionRegistry registry;

    @Inject
    EventHistory history;

    @Inject
    UploadApiSettings settings;

    @Inject
    BlobStore blobs;

    @Inject
    UserQuota quota;

    @Inject
    ConnectionGuard guard;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Metrics metrics;

    /** The open socket, or empty when it was refused (and is being closed). */
    Optional<UploadApiSocket> open(Session session) {
        Authentication authentication = Authentication.of(session);
        Identity identity = authentication.identity();
        if (identity == null) {
            CloseReasons.close(session, UploadApiClose.UNAUTHENTICATED.withReason(authentication.rejection()));
            return Optional.empty();
        }
        String userId = identity.subject();
        String pathId = session.getPathParameters().get("id");
        String followed = null;
        if (pathId != null) {
            followed = CommandDecoder.canonicalUuid(pathId);
            if (followed == null || !uploads.owns(userId, followed)) {
                // The id comes from the client: only a well-formed one goes into the log.
                String what = followed == null ? "a malformed upload id" : "upload " + followed;
                LOG.info(() -> "Upload API socket of " + LogText.escape(userId) + " for " + LogText.escape(what)
                        + " refused: none of theirs");
                CloseReasons.close(session, UploadApiClose.NOT_YOURS.disconnect());
                return Optional.empty();
            }
        }
        Caller caller = new Caller(userId, UUID.randomUUID().toString(), followed);
        MessageReader reader = new MessageReader(settings.maxMessageChars(), settings.maxImageBytes(), () -> {
            // Charged as it is decoded: an image's size is known only at its end.
            UserQuota.Reservation reservation = quota.reserve(userId, 0);
            SpoolFile spool = blobs.createTransientSpool("uploadapi");
            spool.chargeTo(reservation);
            return spool;
        });
        UploadApiSocket socket = new UploadApiSocket(session, caller, reader, commands, registry, history::between,
                settings.maxOutboundBytes(), metrics.protocol(PROTOCOL));
        Optional<ConnectionGuard.Guarded> admitted = guard.admit(PROTOCOL, userId, identity.expiresAt(),
                settings.idleTimeout(), socket);
        if (admitted.isEmpty()) {
            LOG.info(() -> "Upload API socket of " + LogText.escape(userId) + " refused: " + guard.maxPerUser()
                    + " sockets open already");
            CloseReasons.close(session, UploadApiClose.TOO_MANY_CONNECTIONS.disconnect());
            return Optional.empty();
        }
        socket.subscribe(admitted.get(), () -> history.enabled() ? history.position(userId).seq() : UploadEvent.NO_SEQ);
        scheduler.schedule(socket::releaseOpening, OPENING_HOLD.toMillis(), TimeUnit.MILLISECONDS);
        return Optional.of(socket);
    }
}
