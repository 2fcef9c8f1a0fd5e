package io.wsingest.streamreq;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

/**
 * Packets to and from text messages: {@code {"headers": {"name": "value", ...}, "payload": <any JSON or null>}}.
 * Uses only the JSON-P API (no container needed; the server provides the implementation).
 *
 * <p>Reading is lenient where it is harmless: header names are case-insensitive (kept in lower case), a header
 * value may be a whole JSON number (read as its decimal text), a missing payload is no payload, and other top-level
 * members are ignored. Everything else that is not a packet is a {@link BadPacketException}. Writing is strict:
 * {@code status} is a JSON number, as the protocol document shows it ({@code status: 0}), every other header value a
 * JSON string, and {@code payload} is always present ({@code null} for none).
 */
public final class PacketCodec {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private PacketCodec() {
    }

    public static Packet decode(String text) throws BadPacketException {
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new BadPacketException("not valid JSON");
        } catch (RuntimeException e) {
            // The parser's own limits (nesting depth, number sizes) end up here.
            throw new BadPacketException("not a packet: " + e.getMessage());
        }
        if (!(value instanceof JsonObject packet)) {
            throw new BadPacketException("a packet is a JSON object with \"headers\" and \"payload\"");
        }
        if (!(packet.get("headers") instanceof JsonObject headers)) {
            throw new BadPacketException("\"headers\" must be a JSON object");
        }
        Map<String, String> read = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (read.put(name, headerValue(header.getKey(), header.getValue())) != null) {
                throw new BadPacketException("header '" + name + "' appears more than once");
            }
        }
        JsonValue payload = packet.get("payload");
        return new Packet(read, payload == null || payload == JsonValue.NULL ? null : payload.toString());
    }

    public static String encode(Packet packet) {
        StringWriter headers = new StringWriter();
        try (JsonGenerator out = GENERATORS.createGenerator(headers)) {
            out.writeStartObject();
            packet.headers().forEach((name, value) -> {
                OptionalLong number = Headers.STATUS.equals(name) ? wholeNumber(value) : OptionalLong.empty();
                if (number.isPresent()) {
                    out.write(name, number.getAsLong());
                } else {
                    out.write(name, value);
                }
            });
            out.writeEnd();
        }
        String payload = packet.payload() == null ? "null" : packet.payload();
        return "{\"headers\":" + headers + ",\"payload\":" + payload + "}";
    }

    /** The value as a whole number, if it is one in plain decimal (a status the server did not make may not be). */
    private static OptionalLong wholeNumber(String value) {
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String headerValue(String name, JsonValue value) throws BadPacketException {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            try {
                // Refuses fractions, and fails fast on huge exponents instead of expanding them.
                return Long.toString(number.bigDecimalValue().longValueExact());
            } catch (ArithmeticException e) {
                // Reported below like any other value that is not a string.
            }
        }
        throw new BadPacketException("header '" + name + "' must be a string");
    }
}
