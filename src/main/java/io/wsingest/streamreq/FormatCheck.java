package io.wsingest.streamreq;

/**
 * The outcome of checking a complete stream against its {@code data-format}.
 *
 * @param passed whether the data is what was announced
 * @param reason why not, safe to send to the client (null when it passed)
 */
public record FormatCheck(boolean passed, String reason) {

    public static final FormatCheck PASSED = new FormatCheck(true, null);

    public static FormatCheck failed(String reason) {
        return new FormatCheck(false, reason);
    }
}
