package io.wsingest.uploadapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonValue;

/**
 * A command (or a message) that is refused, with its errors by field: protocol D's one reply-level error. It ends the
 * command, never the connection (that is an {@link UploadApiClose}): the client gets
 * {@code {"type": <replyType>, "error": {<field>: <message>, …}}}. {@code non_field_errors} holds errors that belong
 * to no single field. The decoder, which refuses before there is a command, names the reply type and request id; the
 * service, which runs a decoded command, leaves them to that command.
 */
final class CommandRejected extends Exception {

    private static final long serialVersionUID = 1L;

    static final String NON_FIELD = "non_field_errors";

    private final String replyType;
    private final transient JsonValue requestId;
    private final transient Map<String, String> errors;

    CommandRejected(String replyType, JsonValue requestId, Map<String, String> errors) {
        super(replyType + " " + errors, null, false, false);
        this.replyType = replyType;
        this.requestId = requestId;
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    CommandRejected(String replyType, JsonValue requestId, String field, String message) {
        this(replyType, requestId, Map.of(field, message));
    }

    /** A decoded command refused by the service, for a reason the client can act on; the reply is the command's. */
    CommandRejected(String field, String message) {
        this(null, null, field, message);
    }

    String replyType() {
        return replyType;
    }

    JsonValue requestId() {
        return requestId;
    }

    Map<String, String> errors() {
        return errors;
    }
}
