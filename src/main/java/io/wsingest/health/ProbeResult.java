package io.wsingest.health;

import java.util.Objects;

/**
 * What one probe found, in words anyone may read: never an exception's text, which can name hosts, JDBC URLs, SQL or
 * paths (that goes to the server log).
 *
 * @param up     whether the component works
 * @param detail a few words for operators ({@code 5 bytes free, below the minimum}), or null
 */
public record ProbeResult(boolean up, String detail) {

    public static final ProbeResult UP = new ProbeResult(true, null);

    /** The answer for a probe that threw: the cause is logged once, when the check goes down. */
    static final ProbeResult FAILED = down("the check failed; see the server log");

    public static ProbeResult down(String detail) {
        return new ProbeResult(false, Objects.requireNonNull(detail, "detail"));
    }

    /** {@code UP}, {@code DOWN}, or either with its detail: {@code DOWN: connection not valid}. */
    public String text() {
        String status = up ? "UP" : "DOWN";
        return detail == null ? status : status + ": " + detail;
    }
}
