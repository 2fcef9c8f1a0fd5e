package io.wsingest.galileo;

import java.util.Locale;

import io.wsingest.websocket.ProtocolClose;

/**
 * Every error GalileoSend reports: the text of its error signal, whether it is fatal, and the close code the server
 * closes a fatal error's connection with. A non-fatal error rejects one message and changes nothing else: the server
 * keeps waiting for what it waited for before. After a fatal error the partial file is discarded, the error signal is
 * sent and the server closes the connection; the protocol's clients also close on a fatal error.
 *
 * <p>Close codes: 1008 (policy violation) for a client that may not upload, 1002 (protocol error) for a message the
 * protocol does not allow at that point, 1009 (too big) for more bytes than the server accepts, 1007 (inconsistent
 * data) when the file received is not the file announced, 1013 (try again later) when storage is full, 1011 (server
 * error) when the server failed, 1001 (going away) when the application stops.
 */
public enum GalileoError implements ProtocolClose {

    UNAUTHORIZED(1008, "Unauthorized: %s"),
    PROJECT_REFUSED(1008, "Forbidden: the project does not exist or you may not upload to it"),
    TOO_MANY_CONNECTIONS(1008, "Too many connections: at most %d per user"),
    IDLE_TIMEOUT(1008, "Idle timeout: nothing received for %d seconds"),
    /** Only a close: the client does not read, so no signal can reach it. */
    NOT_READING(1008, "Not reading"),
    /** Only a close: the connection failed under the server (the container reported an error). */
    SERVER_ERROR(1011, "Server error"),
    /**
     * The application stops (undeploy, redeploy, server shutdown). A fatal error signal, not only a close: the
     * protocol's clients report a failure only through an error signal ("closing early ... sending an error message
     * with the close will not do what you mean"), and the file in progress is discarded; the client sends it again.
     */
    SHUTTING_DOWN(1001, "Server shutting down"),

    MALFORMED_SIGNAL("Malformed signal: expected a JSON object"),
    UNKNOWN_SIGNAL("Unknown signal: expected metadata {name, size} or {finished: true}"),
    INVALID_FINISHED("Invalid finished signal: finished must be true"),
    DATA_BEFORE_METADATA("Unexpected file data: send the metadata {name, size} first"),
    NOTHING_TO_FINISH("Unexpected finished signal: no file in progress, send the metadata {name, size} first"),

    SIGNAL_TOO_LONG(1009, "Signal too long: a TEXT message may have at most %d characters"),

    NAME_INVALID(1002, "Invalid metadata: name must be a string"),
    SIZE_MISSING(1002, "Invalid metadata: size is missing"),
    SIZE_NOT_WHOLE(1002, "Invalid metadata: size must be a whole number of bytes"),
    SIZE_NEGATIVE(1002, "Invalid metadata: size must not be negative"),
    FILE_TOO_LARGE(1009, "File too large: %d bytes announced, the limit is %d bytes"),
    QUOTA_EXCEEDED(1009, "Quota exceeded: %d bytes announced, your storage quota has room for %d of %d bytes"),
    METADATA_REPEATED(1002, "Unexpected metadata: a file is already in progress (one file per connection)"),

    CHUNK_TOO_LARGE(1009, "Chunk too large: %d bytes, the chunksize is %d bytes"),
    DATA_PAST_SIZE(1002, "Too much data: the file was announced as %d bytes, this chunk would make it %d bytes"),
    DATA_AFTER_END(1002, "Unexpected file data: an empty chunk ended the file, send {finished: true}"),

    SIZE_MISMATCH(1007, "Expected: %d bytes. Got: %d bytes."),
    HASH_INVALID(1002, "Invalid hash: expected {type, value} with string values"),
    HASH_TYPE_UNSUPPORTED(1002, "Unsupported hash type: %s (use sha1, sha256 or md5)"),
    HASH_MISMATCH(1007, "Hash mismatch: the %s of the received file is %s, the client sent %s"),

    STORAGE_FULL(1013, "Storage full: the server cannot take the file now, try again later"),
    // The reference names the incident in the server log, where the failure's details are.
    STORAGE_FAILED(1011, "Server error: the file could not be stored (ref %s)"),
    INTERNAL_ERROR(1011, "Server error: the upload failed (ref %s)");

    private final int closeCode;
    private final String template;

    /** A non-fatal error. */
    GalileoError(String template) {
        this(0, template);
    }

    /** A fatal error, closing the connection with the code. */
    GalileoError(int closeCode, String template) {
        this.closeCode = closeCode;
        this.template = template;
    }

    /** Whether the upload ends: the partial file is discarded and the connection closed. */
    public boolean fatal() {
        return closeCode != 0;
    }

    /** The WebSocket close code for a fatal error; 0 for a non-fatal one, which never closes. */
    @Override
    public int code() {
        return closeCode;
    }

    /** The message template, with {@code %s} and {@code %d} where the details go (for the documentation). */
    @Override
    public String reason() {
        return template;
    }

    /** This error with its details filled in. */
    public Failure failure(Object... details) {
        return new Failure(this, String.format(Locale.ROOT, template, details), null);
    }

    /** What went wrong: the error, its message as sent to the client, and the server-side cause if any (for the log). */
    public record Failure(GalileoError error, String message, Throwable cause) {

        public Failure withCause(Throwable failureCause) {
            return new Failure(error, message, failureCause);
        }

        public boolean fatal() {
            return error.fatal();
        }
    }

    /**
     * Client text quoted in a message (a hash type or value): printable ASCII only, at most {@code max} characters,
     * so the message stays readable in a log line and a close frame.
     */
    static String quote(String clientText, int max) {
        StringBuilder out = new StringBuilder();
        clientText.codePoints().limit(max).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return (clientText.codePointCount(0, clientText.length()) > max ? out.append('…') : out).toString();
    }
}
