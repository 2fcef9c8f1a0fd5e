package io.wsingest.websocket;

/**
 * One entry of a protocol's catalogue of closes: the close code and the reason the protocol's page documents. Every
 * protocol's errors are one enum implementing this, so a close is always a value from its catalogue.
 */
public interface ProtocolClose {

    /** The WebSocket close code. */
    int code();

    /** The reason as documented; where the close names details ({@code {limit}}, {@code %d}), its template. */
    String reason();

    /** This close with its documented reason. */
    default Disconnect disconnect() {
        return new Disconnect(code(), reason());
    }

    /** This close with a reason given when it happens (why a token was refused, an incident's reference). */
    default Disconnect withReason(String reason) {
        return new Disconnect(code(), reason);
    }
}
