package io.wsingest.streamreq;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
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
import io.wsingest.storage.FileCatalog;
import io.wsingest.websocket.CloseReasons;
import io.wsingest.websocket.Outbox;
import io.wsingest.websocket.SessionTransport;

/**
 * Protocol C, Stream Requests: packets in text messages, stream data in binary messages (taken in parts, so a
 * message is never held whole). Decodes, hands over to the connection's {@link StreamConnection}, sends what it
 * answers. A connection without a valid token gets one {@link Status#UNAUTHORIZED} packet, then close 1008.
 */
@ServerEndpoint(value = "/ws/stream", configurator = WebSocketAuthenticator.class, subprotocols = "bearer")
public class StreamEndpoint {

    /** The largest packet (text message) read; a larger one closes the connection with 1009. */
    static final int MAX_PACKET_CHARS = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(StreamEndpoint.class.getName());
    private static final long MAX_QUEUED_REPLY_CHARS = 8L << 20;

    @Inject
    StreamService streams;

    @Inject
    FileCatalog files;

    private Session session;
    private String userId;
    private StreamConnection connection;
    private Outbox outbox;

    @OnOpen
    public void open(Session session) {
        this.session = session;
        session.setMaxTextMessageBufferSize(MAX_PACKET_CHARS);
        Authentication authentication = Authentication.of(session);
        if (authentication instanceof Authentication.Rejected rejected) {
            LOG.info(() -> "Stream connection refused: " + LogText.escape(rejected.reason()));
            String packet = PacketCodec.encode(Packet.error(Status.UNAUTHORIZED, rejected.reason()));
            CloseReason policy = CloseReasons.of(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), rejected.reason());
            session.getAsyncRemote().sendText(packet, sent -> close(policy));
            return;
        }
        userId = ((Authentication.Authenticated) authentication).identity().subject();
        outbox = new Outbox(new SessionTransport(session), MAX_QUEUED_REPLY_CHARS, () -> {
            LOG.warning(() -> "Closing the stream connection of user " + LogText.escape(userId)
                    + ": it does not read its replies");
            close(CloseReasons.of(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "replies not read"));
        });
        connection = new StreamConnection(userId, streams, files);
    }

    @OnMessage
    public void onText(String text) {
        if (connection != null) {
            send(connection.onText(text));
        }
    }

    @OnMessage
    public void onBinary(ByteBuffer part, boolean last) {
        if (connection != null) {
            send(connection.onBinary(part, last));
        }
    }

    @OnClose
    public void onClose() {
        if (connection != null) {
            connection.closed();
        }
        if (outbox != null) {
            outbox.close();
        }
    }

    @OnError
    public void onError(Throwable failure) {
        String reason = "internal error";
        if (failure instanceof IOException) {
            LOG.fine(() -> "Stream connection of user " + LogText.escape(userId) + " broke: " + failure);
        } else {
            reason = Incident.log(LOG, "Stream connection of user " + LogText.escape(userId) + " failed", failure)
                    .clientText();
        }
        close(CloseReasons.of(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), reason));
    }

    private void send(List<Packet> packets) {
        packets.forEach(packet -> outbox.offerText(PacketCodec.encode(packet)));
    }

    private void close(CloseReason reason) {
        if (session.isOpen()) {
            try {
                session.close(reason);
            } catch (IOException e) {
                LOG.fine(() -> "Could not close a stream connection: " + e);
            }
        }
    }
}
