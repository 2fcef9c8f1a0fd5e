package io.wsingest.upload;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

/**
 * {@link FileStateInfo} as JSON text. The server writes exactly the keys of the protocol document, in its order. It
 * reads a client's answer leniently where that is harmless (key case, unknown keys) and strictly where it matters:
 * {@code CurrentFileOffset} is required, numbers must be whole and not negative.
 */
public final class FileStateInfoJson {

    static final String IS_INITIALIZED = "IsInitialized";
    static final String FILE_NAME = "FileName";
    static final String BUFFER_SIZE = "BufferSize";
    static final String TOTAL_FILE_SIZE = "TotalFileSize";
    static final String CURRENT_FILE_OFFSET = "CurrentFileOffset";

    /** Looked up once: {@code Json.create…} finds the provider again on every call, a class-path scan. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private FileStateInfoJson() {
    }

    public static String write(FileStateInfo info) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject().write(IS_INITIALIZED, info.isInitialized());
            if (info.fileName() == null) {
                json.writeNull(FILE_NAME);
            } else {
                json.write(FILE_NAME, info.fileName());
            }
            json.write(BUFFER_SIZE, info.bufferSize());
            if (info.totalFileSize() == null) {
                json.writeNull(TOTAL_FILE_SIZE);
            } else {
                json.write(TOTAL_FILE_SIZE, info.totalFileSize());
            }
            json.write(CURRENT_FILE_OFFSET, info.currentFileOffset()).writeEnd();
        }
        return out.toString();
    }

    /**
     * Reads a client's answer. {@code IsInitialized} and {@code BufferSize} are the server's own and ignored.
     *
     * @throws ProtocolViolation {@link UploadError#INVALID_FILE_STATE_INFO} saying what is wrong
     */
    public static FileStateInfo read(String text) throws ProtocolViolation {
        JsonObject object;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            object = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw invalid("not a JSON object");
        }
        Map<String, JsonValue> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        fields.putAll(object);

        JsonValue offset = fields.get(CURRENT_FILE_OFFSET);
        if (offset == null || offset.getValueType() == JsonValue.ValueType.NULL) {
            throw invalid(CURRENT_FILE_OFFSET + " is required");
        }
        return new FileStateInfo(false, fileName(fields.get(FILE_NAME)), 0,
                size(TOTAL_FILE_SIZE, fields.get(TOTAL_FILE_SIZE)), size(CURRENT_FILE_OFFSET, offset));
    }

    private static String fileName(JsonValue value) throws ProtocolViolation {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw invalid(FILE_NAME + " must be a string");
    }

    private static Long size(String key, JsonValue value) throws ProtocolViolation {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            try {
                long size = n.longValueExact();
                if (size >= 0) {
                    return size;
                }
            } catch (ArithmeticException e) {
                // Too large for a long: reported below.
            }
        }
        throw invalid(key + " must be a whole number from 0 to " + Long.MAX_VALUE);
    }

    private static ProtocolViolation invalid(String detail) {
        return new ProtocolViolation(UploadError.INVALID_FILE_STATE_INFO.disconnect(detail));
    }
}
