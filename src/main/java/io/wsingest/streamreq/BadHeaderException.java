package io.wsingest.streamreq;

/** A header value the server cannot use; the message is a reason safe to send back in the {@code error} header. */
public class BadHeaderException extends Exception {

    private static final long serialVersionUID = 1L;

    public BadHeaderException(String reason) {
        super(reason);
    }
}
