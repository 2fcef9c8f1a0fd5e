package io.wsingest.auth;

/**
 * A token was refused. The message is a short reason safe to send to the client ("token expired"); it never
 * contains the token.
 */
public class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String reason) {
        // No stack trace: refusals are routine and can come in floods; the reason says all there is.
        super(reason, null, false, false);
    }

    /** The client-safe reason, such as "token expired" or "invalid signature". */
    public String reason() {
        return getMessage();
    }
}
