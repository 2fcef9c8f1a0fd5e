package io.wsingest.upload;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.Protocol;
import io.wsingest.projects.ProjectAccess;
import io.wsingest.projects.ProjectConnections;
import io.wsingest.upload.UploadExchange.Admission;
import io.wsingest.upload.UploadExchange.Admitted;
import io.wsingest.upload.UploadExchange.ConnectRequest;
import io.wsingest.upload.UploadExchange.Refused;
import io.wsingest.websocket.CloseReasons;
import io.wsingest.websocket.ConnectionGuard;
import io.wsingest.websocket.Disconnect;
import io.wsingest.websocket.MessageSize;

/**
 * Protocol A, {@code /ws/Upload?id={ProjectId}&saveMedia={bool}}: checks who may connect, then hands every message
 * to the connection's {@link UploadConnection}. See {@code docs/protocol-a-resumable-upload.md}.
 */
@ServerEndpoint(value = "/ws/Upload", configurator = WebSocketAuthenticator.class, subprotocols = "bearer")
public class UploadEndpoint {

    private static final Logger LOG = Logger.getLogger(UploadEndpoint.class.getName());

    /** The FileStateInfo answer is a small JSON object. */
    static final int MAX_TEXT_BYTES = 64 * 1024;
    private static final Protocol PROTOCOL = Protocol.A;

    @Inject
    ChainService chains;

    @Inject
    ProjectAccess access;

    @Inject
    ConnectionGuard guard;

    @Inject
    ProjectConnections projectConnections;

    @Inject
    Metrics metrics;

    private UploadConnection connection;

    @OnOpen
    public void open(Session session) {
        Authentication authentication = Authentication.of(session);
        Identity identity = authentication.identity();
        ConnectRequest request = new ConnectRequest(identity == null ? null : identity.subject(),
                authentication.rejection(), parameter(session, "id"), parameter(session, "saveMedia"));
        Admission admission = UploadExchange.admit(request, access::mayUpload);
        if (admission instanceof Refused refused) {
            Disconnect d = refused.disconnect();
            LOG.info(() -> "Upload connection of " + (request.userId() == null ? "an unauthenticated client"
                    : "user " + LogText.escape(request.userId())) + " to project " + LogText.escape(request.projectId())
                    + " refused: " + d.code() + " '" + LogText.escape(d.reason()) + "'");
            CloseReasons.close(session, d);
            return;
        }
        UploadConnection admitted = new UploadConnection(session, chains, (Admitted) admission);
        // Protocol A watches idleness itself, with its heartbeat.
        Optional<ConnectionGuard.Guarded> guarded = guard.admit(PROTOCOL, request.userId(),
                identity.expiresAt(), Duration.ZERO, admitted);
        if (guarded.isEmpty()) {
            LOG.info(() -> "Upload connection of user " + LogText.escape(request.userId()) + " to project "
                    + LogText.escape(request.projectId()) + " refused: " + guard.maxPerUser() + " connections open already");
            CloseReasons.close(session, UploadError.TOO_MANY_CONNECTIONS.disconnect(guard.maxPerUser()));
            return;
        }
        session.setMaxTextMessageBufferSize(MAX_TEXT_BYTES);
        connection = admitted;
        connection.open(guarded.get(), projectConnections);
    }

    @OnMessage
    public void text(String text) {
        metrics.protocol(PROTOCOL).received(MessageSize.of(text));
        if (connection != null) {
            connection.onText(text);
        }
    }

    /**
     * Data messages come in parts, never buffered whole by the container: a message over {@code BufferSize}, of any
     * size, is refused with the document's 1009 reason as soon as its parts pass the buffer.
     */
    @OnMessage
    public void binary(ByteBuffer part, boolean last) {
        metrics.protocol(PROTOCOL).received(MessageSize.of(part));
        if (connection != null) {
            connection.onBinary(part, last);
        }
    }

    @OnClose
    public void close(CloseReason reason) {
        if (connection != null) {
            connection.onClose(reason.getCloseCode().getCode());
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        if (connection != null) {
            connection.onError(failure);
        } else {
            Incident incident = Incident.log(LOG, "Upload connection failed before it was admitted", failure);
            CloseReasons.close(session, UploadError.UNKNOWN.disconnect(incident.clientText()));
        }
    }

    private static String parameter(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
