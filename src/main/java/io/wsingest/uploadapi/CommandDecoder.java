package io.wsingest.uploadapi;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.wsingest.storage.Sha256;

/**
 * Turns a message into a {@link Command}, or refuses it with every error it can find. It checks what the message
 * alone decides (types, required and read-only fields, formats); what depends on stored data (does the upload
 * exist, may its status change) is the service's part.
 */
final class CommandDecoder {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    static final String REQUIRED = "This field is required.";
    static final String BLANK = "This field may not be blank.";
    static final String NOT_A_STRING = "Must be a string.";
    static final String NOT_AN_OBJECT = "Must be a JSON object.";
    static final String UNKNOWN_FIELD = "Unknown field.";
    static final String READ_ONLY = "This field is read-only.";
    static final String ONLY_PENDING = "Only \"pending\" can be set (to run OCR again).";

    /** The fields of an upload a client may change. */
    static final Set<String> WRITABLE = Set.of("status", "processed_text");
    /** The other fields of an upload: shown, never written. */
    static final Set<String> READ_ONLY_FIELDS = Set.of("id", "owner", "image_path", "image_hash", "content_type",
            "size", "created_at", "updated_at", "raw_text", "error");

    private static final Set<String> CREATE_FIELDS = Set.of("image_base64", "image_path", "image_hash");

    /** Duplicate keys are an error: a JSON object with two {@code type}s has no clear meaning. */
    private static final JsonReaderFactory READERS =
            Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private CommandDecoder() {
    }

    /**
     * @param endpointUploadId the upload of a per-upload socket ({@code /ws/core/upload/{id}/}), which is the
     *                         default {@code instance_id} there; null on {@code /ws/core/upload/}
     */
    static Request decode(MessageReader.Incoming incoming, String endpointUploadId) throws CommandRejected {
        if (incoming.failure() != null) {
            throw new CommandRejected(CommandType.ERROR_REPLY, null, CommandRejected.NON_FIELD, incoming.failure());
        }
        JsonValue value;
        try (var reader = READERS.createReader(new StringReader(incoming.json()))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new CommandRejected(CommandType.ERROR_REPLY, null, CommandRejected.NON_FIELD,
                    "Malformed JSON: " + e.getMessage());
        }
        if (!(value instanceof JsonObject message)) {
            throw new CommandRejected(CommandType.ERROR_REPLY, null, CommandRejected.NON_FIELD,
                    "A message must be a JSON object");
        }
        JsonValue requestId = message.get("request_id");
        JsonValue type = message.get("type");
        if (type == null || type == JsonValue.NULL) {
            throw new CommandRejected(CommandType.ERROR_REPLY, requestId, "type", REQUIRED);
        }
        if (!(type instanceof JsonString typeName)) {
            throw new CommandRejected(CommandType.ERROR_REPLY, requestId, "type", NOT_A_STRING);
        }
        CommandType command = CommandType.of(typeName.getString()).orElseThrow(() -> new CommandRejected(
                CommandType.ERROR_REPLY, requestId, "type",
                "Unknown command '" + typeName.getString() + "'; expected one of " + CommandType.names()));
        Fields fields = new Fields(command.replyType, requestId);
        return new Request(command, requestId, switch (command) {
            case SUBSCRIBE -> subscribe(message, fields);
            case CREATE -> create(message, incoming.image(), fields);
            case LIST -> list(message, fields);
            case RETRIEVE -> new Command.Retrieve(fields.done(instanceId(message, endpointUploadId, fields)));
            case UPDATE -> update(message, endpointUploadId, fields);
            case DELETE -> new Command.Delete(fields.done(instanceId(message, endpointUploadId, fields)));
        });
    }

    /** A decoded command with the client's {@code request_id} (any JSON value, echoed in the reply), if any. */
    record Request(CommandType type, JsonValue requestId, Command command) {
    }

    /** Collects the errors of one command, then throws them together. */
    private static final class Fields {
        final String replyType;
        final JsonValue requestId;
        final Map<String, String> errors = new LinkedHashMap<>();

        Fields(String replyType, JsonValue requestId) {
            this.replyType = replyType;
            this.requestId = requestId;
        }

        void error(String field, String message) {
            errors.putIfAbsent(field, message);
        }

        /** Returns the value when there were no errors, else throws them all. */
        <T> T done(T value) throws CommandRejected {
            if (!errors.isEmpty()) {
                throw new CommandRejected(replyType, requestId, errors);
            }
            return value;
        }
    }

    private static Command create(JsonObject message, StreamedImage streamed, Fields fields) throws CommandRejected {
        JsonObject data = data(message, fields);
        if (data == null) {
            return fields.done(null);
        }
        data.keySet().stream().filter(key -> !CREATE_FIELDS.contains(key)).forEach(key -> fields.error(key,
                UNKNOWN_FIELD + " Send one of image_base64, image_path or image_hash."));

        StreamedImage.Decoded image = null;
        JsonValue base64 = data.get("image_base64");
        if (base64 instanceof JsonString) {
            // The reader streamed every string value of data.image_base64, so it has this one.
            if (streamed instanceof StreamedImage.Failed failed) {
                fields.error("image_base64", failed.message());
            } else {
                image = (StreamedImage.Decoded) streamed;
            }
        } else if (base64 != null && base64 != JsonValue.NULL) {
            fields.error("image_base64", "Must be a base64 string.");
        }
        String path = optionalString(data, "image_path", fields);
        if (path != null && path.isBlank()) {
            fields.error("image_path", BLANK);
        }
        String hash = optionalString(data, "image_hash", fields);
        if (hash != null) {
            hash = hash.toLowerCase(Locale.ROOT);
            if (!Sha256.isHex(hash)) {
                fields.error("image_hash", "Must be a SHA-256: 64 hexadecimal characters.");
            }
        }
        boolean hasBase64 = base64 instanceof JsonString;
        if (fields.errors.isEmpty()) {
            if (hasBase64 && path != null) {
                fields.error(CommandRejected.NON_FIELD, "Send either image_base64 or image_path, not both.");
            } else if (!hasBase64 && path == null && hash == null) {
                fields.error(CommandRejected.NON_FIELD, "Send one of image_base64, image_path or image_hash.");
            }
        }
        return fields.done(new Command.Create(image, path, hash));
    }

    private static Command subscribe(JsonObject message, Fields fields) throws CommandRejected {
        boolean hasSince = message.get("since") != null && message.get("since") != JsonValue.NULL;
        Long since = hasSince ? wholeNumber(message, "since", 0, 0, Long.MAX_VALUE, fields) : null;
        String epoch = optionalString(message, "epoch", fields);
        if (hasSince && epoch == null && !fields.errors.containsKey("epoch")) {
            fields.error("epoch", REQUIRED);
        }
        if (!hasSince && epoch != null) {
            fields.error("since", REQUIRED);
        }
        return fields.done(new Command.Subscribe(since, epoch));
    }

    private static Command list(JsonObject message, Fields fields) throws CommandRejected {
        if (isAbsent(message, "offset") && isAbsent(message, "limit")) {
            return Command.ListUploads.all();
        }
        int offset = (int) wholeNumber(message, "offset", 0, 0, Integer.MAX_VALUE, fields);
        int limit = (int) wholeNumber(message, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, fields);
        return fields.done(new Command.ListUploads(offset, limit, true));
    }

    private static boolean isAbsent(JsonObject message, String name) {
        JsonValue value = message.get(name);
        return value == null || value == JsonValue.NULL;
    }

    private static Command update(JsonObject message, String endpointUploadId, Fields fields) throws CommandRejected {
        String id = instanceId(message, endpointUploadId, fields);
        JsonObject data = data(message, fields);
        String status = null;
        boolean setsText = false;
        String text = null;
        Map<String, JsonValue> readOnly = new LinkedHashMap<>();
        if (data != null) {
            if (data.isEmpty()) {
                fields.error("data", "No fields to update; writable: processed_text, status.");
            }
            for (Map.Entry<String, JsonValue> field : data.entrySet()) {
                String name = field.getKey();
                JsonValue value = field.getValue();
                if (name.equals("status")) {
                    if (value instanceof JsonString sent) {
                        status = sent.getString();
                    } else {
                        fields.error(name, ONLY_PENDING);
                    }
                } else if (name.equals("processed_text")) {
                    setsText = true;
                    if (value instanceof JsonString string) {
                        text = string.getString();
                    } else if (value != JsonValue.NULL) {
                        fields.error(name, "Must be a string or null.");
                    }
                } else if (READ_ONLY_FIELDS.contains(name)) {
                    readOnly.put(name, value);
                } else {
                    fields.error(name, UNKNOWN_FIELD);
                }
            }
        }
        return fields.done(new Command.Update(id, status, setsText, text, readOnly));
    }

    private static JsonObject data(JsonObject message, Fields fields) {
        JsonValue data = message.get("data");
        if (data == null || data == JsonValue.NULL) {
            fields.error("data", REQUIRED);
            return null;
        }
        if (!(data instanceof JsonObject object)) {
            fields.error("data", NOT_AN_OBJECT);
            return null;
        }
        return object;
    }

    /** The upload a command is about: {@code instance_id}, by default the per-upload socket's own. */
    private static String instanceId(JsonObject message, String endpointUploadId, Fields fields) {
        JsonValue value = message.get("instance_id");
        if (value == null || value == JsonValue.NULL) {
            if (endpointUploadId == null) {
                fields.error("instance_id", REQUIRED);
            }
            return endpointUploadId;
        }
        if (!(value instanceof JsonString string)) {
            fields.error("instance_id", NOT_A_STRING);
            return null;
        }
        String id = canonicalUuid(string.getString());
        if (id == null) {
            fields.error("instance_id", "Not a valid upload id (a UUID).");
        }
        return id;
    }

    /** The id in the lower-case form uploads are stored under, or null when it is not a UUID. */
    static String canonicalUuid(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            String canonical = UUID.fromString(text).toString();
            return canonical.equalsIgnoreCase(text) ? canonical : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String optionalString(JsonObject data, String name, Fields fields) {
        JsonValue value = data.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        fields.error(name, NOT_A_STRING);
        return null;
    }

    private static long wholeNumber(JsonObject message, String name, long defaultValue, long min, long max,
                                    Fields fields) {
        JsonValue value = message.get(name);
        if (value == null || value == JsonValue.NULL) {
            return defaultValue;
        }
        if (value instanceof JsonNumber number && number.isIntegral()
                && number.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(min)) >= 0
                && number.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(max)) <= 0) {
            return number.longValue();
        }
        fields.error(name, max >= Integer.MAX_VALUE
                ? "Must be a whole number from " + min + "."
                : "Must be a whole number from " + min + " to " + max + ".");
        return defaultValue;
    }
}
