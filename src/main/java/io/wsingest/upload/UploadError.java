package io.wsingest.upload;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wsingest.websocket.Disconnect;
import io.wsingest.websocket.ProtocolClose;

/**
 * Every way protocol A closes a connection on an error, with its close code and reason. The templates of the
 * protocol document's errors are quoted word for word, placeholders included; {@link #disconnect} fills the
 * placeholders in order. The last group are this server's additions, documented in
 * {@code docs/protocol-a-resumable-upload.md}.
 */
public enum UploadError implements ProtocolClose {

    // Before the handshake (protocol document).
    PROJECT_ID_NOT_SET(1008, "Project id not set"),
    NO_ACCESS(1001, "Project does not exist or user does not have access to it"),
    ALREADY_COMPLETED(1008, "Cannot upload, already completed"),

    // After the handshake (protocol document).
    RESTART_REFUSED(1008, "Upload cannot be restarted, destroy chain and try again"),
    RESTORE_NOT_CONTINUOUS(1008, "To restore upload, transfer has to be continuous"),
    RESTORE_TIMED_OUT(1008, "Upload cannot be restored, restore timed out"),

    // During the upload (protocol document).
    IDLE_TIMEOUT(1008, "Connection timeouted after {timeout}s"),
    MESSAGE_TOO_BIG(1009, "Message does not fit into {buffer size}B buffer"),
    NOT_CONTINUOUS(1008,
            "Transfer has to be continuous, server has {server data offset}B of data, not {new data offset}B"),
    INVALID_DATA_SIZE(1007, "Invalid value of data size"),
    RECONNECTED(1008, "Upload reconnected during receiving data from last websocket"),
    WRITE_TO_FINISHED(1001, "Attempt to write to completed upload for project {ProjectId}. (on active upload? {active})"),
    UNKNOWN(1011, "Error: '{exception.Message}'"),

    // This server's additions.
    UNAUTHORIZED(1008, "Unauthorized: {reason}"),
    TOO_MANY_CONNECTIONS(1008, "Too many connections: at most {limit} per user"),
    INVALID_SAVE_MEDIA(1008, "saveMedia must be true or false"),
    SAVE_MEDIA_MISMATCH(1008, "Upload was started with saveMedia={chain}, cannot continue with saveMedia={requested}"),
    INVALID_FILE_STATE_INFO(1007, "Invalid FileStateInfo: {detail}"),
    UNEXPECTED_TEXT(1003, "Unexpected text message, data messages are binary"),
    FILE_TOO_LARGE(1009, "File too large, the limit is {limit}B"),
    QUOTA_EXCEEDED(1009, "Storage quota exceeded, {free}B left of {quota}B"),
    SHUTTING_DOWN(1001, "Server shutting down");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]+}");

    private final int code;
    private final String template;

    UploadError(int code, String template) {
        this.code = code;
        this.template = template;
    }

    @Override
    public int code() {
        return code;
    }

    /** The reason text with its placeholders, as the documentation lists it. */
    @Override
    public String reason() {
        return template;
    }

    /** The close of an error without placeholders. */
    @Override
    public Disconnect disconnect() {
        return disconnect(new Object[0]);
    }

    /**
     * The close for this error, its placeholders filled with {@code values} in order. Booleans are written as .NET
     * writes them ({@code True}, {@code False}), as the protocol's original server did.
     *
     * @throws IllegalArgumentException if the number of values does not match the placeholders
     */
    public Disconnect disconnect(Object... values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder reason = new StringBuilder();
        int used = 0;
        while (m.find()) {
            if (used == values.length) {
                throw new IllegalArgumentException(name() + " needs more values than " + values.length);
            }
            m.appendReplacement(reason, Matcher.quoteReplacement(text(values[used++])));
        }
        if (used != values.length) {
            throw new IllegalArgumentException(name() + " takes " + used + " values, not " + values.length);
        }
        m.appendTail(reason);
        return new Disconnect(code, reason.toString());
    }

    private static String text(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }
}
