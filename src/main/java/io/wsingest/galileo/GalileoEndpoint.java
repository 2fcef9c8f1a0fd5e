package io.wsingest.galileo;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

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
import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.Protocol;
import io.wsingest.metrics.ProtocolMeters;
import io.wsingest.projects.ProjectAccess;
import io.wsingest.projects.ProjectConnections;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.FileCatalog;
import io.wsingest.storage.UserQuota;
import io.wsingest.websocket.CloseReasons;
import io.wsingest.websocket.ConnectionGuard;
import io.wsingest.websocket.MessageSize;

/**
 * Protocol B, GalileoSend, at {@code /ws/galileo}: authenticates the connection, decodes each message and hands it to
 * the connection's {@link GalileoConnection}, which runs its {@link GalileoSession} and carries out the steps.
 * {@code ?project=} stores the file as that project's media; without it the file belongs to the user. The
 * {@link ConnectionGuard} limits a user's connections.
 */
@ServerEndpoint(value = "/ws/galileo", configurator = WebSocketAuthenticator.class, subprotocols = "bearer")
public class GalileoEndpoint {

    /** Chunks up to this much over the chunksize still arrive, so the client is told what was wrong. */
    static final int MIN_OVERSIZE_MARGIN = 64 * 1024;
    private static final Protocol PROTOCOL = Protocol.B;

    @Inject
    GalileoSettings settings;

    @Inject
    GalileoConfiguration configuration;

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

    @Inject
    Metrics metrics;

    private GalileoConnection connection;
    private ProtocolMeters meters;
    private final SignalAssembler signals = new SignalAssembler();

    @OnOpen
    public void open(Session session) {
        meters = metrics.protocol(PROTOCOL);
        int chunkSize = settings.chunkSize();
        session.setMaxBinaryMessageBufferSize((int) Math.min(Integer.MAX_VALUE,
                (long) chunkSize + Math.max(chunkSize, MIN_OVERSIZE_MARGIN)));

        Authentication authentication = Authentication.of(session);
        Identity identity = authentication.identity();
        if (identity == null) {
            connection = new GalileoConnection(session, settings, null, null, meters);
            connection.refuse(GalileoError.UNAUTHORIZED.failure(authentication.rejection()));
            return;
        }
        String userId = identity.subject();
        List<String> project = session.getRequestParameterMap().get("project");
        String projectId = project == null || project.isEmpty() ? null : project.get(0);
        connection = new GalileoConnection(session, settings, userId, projectId, meters);
        if (projectId != null) {
            GalileoError.Failure refusal = projectRefusal(userId, projectId);
            if (refusal != null) {
                connection.refuse(refusal);
                return;
            }
        }
        Optional<ConnectionGuard.Guarded> admitted = guard.admit(PROTOCOL, userId, identity.expiresAt(),
                settings.idleTimeout(), connection);
        if (admitted.isEmpty()) {
            connection.refuse(GalileoError.TOO_MANY_CONNECTIONS.failure(guard.maxPerUser()));
            return;
        }
        connection.start(admitted.get(),
                new GalileoSession(settings, new CatalogStorage(blobs, catalog, quota, userId, projectId),
                        configuration.writers(), connection::writerProgressed),
                projectConnections);
    }

    /** Text arrives in parts, so an overlong message is refused before it is all in memory. */
    @OnMessage
    public void text(String part, boolean last) {
        meters.received(MessageSize.of(part));
        connection.handle(upload -> signals.part(part, last).map(upload::onText).orElse(Step.nothing()));
    }

    @OnMessage
    public void binary(ByteBuffer chunk) {
        meters.received(MessageSize.of(chunk));
        connection.handle(upload -> upload.onBinary(chunk));
    }

    @OnClose
    public void closed(CloseReason reason) {
        if (connection != null) {
            connection.closed(reason);
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        if (connection != null) {
            connection.failed(error);
        } else {
            CloseReasons.close(session, GalileoError.SERVER_ERROR.disconnect());
        }
    }

    private GalileoError.Failure projectRefusal(String userId, String projectId) {
        try {
            // The same answer for a project that does not exist and one the user may not upload to.
            return projects.mayUpload(userId, projectId) ? null : GalileoError.PROJECT_REFUSED.failure();
        } catch (RuntimeException e) {
            return GalileoError.INTERNAL_ERROR.failure(Incident.next().ref()).withCause(e);
        }
    }
}
