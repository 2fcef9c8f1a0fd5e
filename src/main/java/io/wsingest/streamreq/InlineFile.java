package io.wsingest.streamreq;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A file sent whole in the {@code payload} of an {@code /upload-file} request instead of as a stream: streaming is
 * the client's choice ("if you want to send really large payload [...] You can acknowledge server about that"). The
 * request's {@code data-format} says what the payload holds:
 *
 * <ul>
 *   <li>{@code bytes}: a JSON string of base64 (RFC 4648, standard alphabet, padding optional), the file's bytes;
 *   <li>{@code text}: a JSON string, stored as its UTF-8 bytes;
 *   <li>{@code json}: any JSON value, stored as its JSON text (compact, as the server writes JSON).
 * </ul>
 *
 * The decoded file may be at most {@code wsingest.stream.inline-max-bytes}.
 */
public final class InlineFile {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private InlineFile() {
    }

    /**
     * The file's bytes.
     *
     * @param payload  the request's payload as JSON text (not null)
     * @param maxBytes the largest file taken inline
     * @throws BadHeaderException with a reason safe to send back
     */
    public static byte[] decode(DataFormat format, String payload, int maxBytes) throws BadHeaderException {
        byte[] content = switch (format) {
            case BYTES -> base64(string(format, payload));
            case TEXT -> utf8(string(format, payload));
            case JSON -> payload.getBytes(StandardCharsets.UTF_8);
        };
        if (content.length > maxBytes) {
            throw new BadHeaderException("an inline file may be at most " + maxBytes + " bytes, this one has "
                    + content.length + "; send it as a stream with x-stream");
        }
        return content;
    }

    private static String string(DataFormat format, String payload) throws BadHeaderException {
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new StringReader(payload))) {
            value = reader.readValue();
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new BadHeaderException("with data-format " + format.wire() + " the payload must be a JSON string"
                + (format == DataFormat.BYTES ? " of base64" : ""));
    }

    private static byte[] base64(String text) throws BadHeaderException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadHeaderException("the payload is not base64: " + e.getMessage());
        }
    }

    private static byte[] utf8(String text) throws BadHeaderException {
        try {
            // Reports what getBytes would silently replace: a lone surrogate (a "\ud800" escape) is no text.
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new BadHeaderException("the payload is not text: it holds a lone surrogate");
        }
    }
}
