package io.wsingest.upload;

import io.wsingest.websocket.Disconnect;

/** A message broke the protocol; the connection ends with the violation's {@link Disconnect}. */
public final class ProtocolViolation extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Disconnect disconnect;

    public ProtocolViolation(Disconnect disconnect) {
        // No stack trace: a violation is the client's doing, routine, and fully described by its reason.
        super(disconnect.reason(), null, false, false);
        this.disconnect = disconnect;
    }

    public Disconnect disconnect() {
        return disconnect;
    }
}
