package io.wsingest.streamreq;

/** A text message that is not a packet; the message is a reason safe to send back in the {@code error} header. */
public class BadPacketException extends Exception {

    private static final long serialVersionUID = 1L;

    public BadPacketException(String reason) {
        super(reason);
    }
}
