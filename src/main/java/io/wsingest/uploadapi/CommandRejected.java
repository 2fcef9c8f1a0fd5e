package io.wsingest.uploadapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonValue;

/**
 * A command (or a message) that is refused, with its errors by field. It ends the command, never the connection:
 * the client gets {@code {"type": <replyType>, "error": {<field>: <message>, …}}}. {@code non_field_errors} holds
 * errors that belong to no single field.
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
