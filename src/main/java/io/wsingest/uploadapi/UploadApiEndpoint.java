package io.wsingest.uploadapi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import io.wsingest.logging.Incident;
import io.wsingest.logging.LogText;
import io.wsingest.websocket.CloseReasons;
import io.wsingest.websocket.MessageSize;

/**
 * The container's side of an Upload API socket at {@code /ws/core/upload/} (all of the user's uploads) or
 * {@code /ws/core/upload/{id}/} (one upload), registered at each path by {@link UploadApiEndpoints}. Text arrives in
 * pieces as the container reads it, so a large {@code image_base64} streams into storage instead of being held as
 * one string; the {@link UploadApiSocket} does the rest. A programmatic endpoint gets no injection, so it looks up
 * {@link UploadApiSockets}, an application-scoped bean.
 */
public class UploadApiEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(UploadApiEndpoint.class.getName());

    private UploadApiSocket socket;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        CDI.current().select(UploadApiSockets.class).get().open(session).ifPresent(open -> {
            socket = open;
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) open::onText);
            session.addMessageHandler(ByteBuffer.class,
                    (MessageHandler.Partial<ByteBuffer>) (part, last) -> open.onBinary(MessageSize.of(part), last));
        });
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (socket != null) {
            socket.closed();
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        String who = socket == null ? "a client" : LogText.escape(socket.caller().userId());
        Incident incident;
        if (failure instanceof IOException) {
            incident = Incident.next();
            LOG.log(Level.FINE, failure, () -> "Upload API socket of " + who + " broke [incident " + incident.ref()
                    + "]");
        } else {
            incident = Incident.log(LOG, "Upload API socket of " + who + " failed", failure);
        }
        CloseReasons.close(session, UploadApiClose.INTERNAL_ERROR.withReason(incident.clientText()));
    }
}
