package io.wsingest.galileo;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.NoSuchElementException;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

/**
 * GalileoSend's TEXT messages, JSON both ways (JSON-P, a plain library: this class needs no container). Decoding
 * never throws: anything that is not a signal becomes {@link ClientSignal.Unreadable} with the error to report.
 *
 * <p>A text message is the finished signal if it has a {@code finished} key, metadata if it has {@code name} or
 * {@code size}, and an unknown signal otherwise.
 */
public final class GalileoCodec {

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final int MAX_LONG_DIGITS = 19;

    private GalileoCodec() {
    }

    public static ClientSignal decode(String text) {
        JsonObject object;
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return unreadable(GalileoError.MALFORMED_SIGNAL);
            }
            object = parser.getObject();
            if (parser.hasNext()) {
                // Text after the object.
                return unreadable(GalileoError.MALFORMED_SIGNAL);
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return unreadable(GalileoError.MALFORMED_SIGNAL);
        }
        if (object.containsKey("finished")) {
            return finished(object);
        }
        if (object.containsKey("name") || object.containsKey("size")) {
            return metadata(object);
        }
        return unreadable(GalileoError.UNKNOWN_SIGNAL);
    }

    public static String encode(ServerSignal signal) {
        if (signal instanceof ServerSignal.Ready ready) {
            // Sent for every chunk, and nothing in it needs escaping: written directly, not built.
            return "{\"ready\":true,\"chunksize\":" + ready.chunksize() + "}";
        }
        JsonObject json;
        if (signal instanceof ServerSignal.Error error) {
            json = BUILDERS.createObjectBuilder().add("error", error.error()).add("fatal", error.fatal()).build();
        } else if (signal instanceof ServerSignal.Close) {
            json = BUILDERS.createObjectBuilder().add("close", true).build();
        } else {
            throw new IllegalArgumentException("Unknown signal " + signal);
        }
        return json.toString();
    }

    private static ClientSignal finished(JsonObject object) {
        if (object.get("finished") != JsonValue.TRUE) {
            return unreadable(GalileoError.INVALID_FINISHED);
        }
        JsonValue hash = object.get("hash");
        if (hash == null || hash == JsonValue.NULL) {
            return new ClientSignal.Finished(null);
        }
        if (hash instanceof JsonObject claimed
                && claimed.get("type") instanceof JsonString type
                && claimed.get("value") instanceof JsonString value) {
            return new ClientSignal.Finished(new ClientSignal.ClaimedHash(type.getString(), value.getString()));
        }
        return unreadable(GalileoError.HASH_INVALID);
    }

    private static ClientSignal metadata(JsonObject object) {
        JsonValue name = object.get("name");
        if (name != null && name != JsonValue.NULL && !(name instanceof JsonString)) {
            return unreadable(GalileoError.NAME_INVALID);
        }
        JsonValue size = object.get("size");
        if (size == null || size == JsonValue.NULL) {
            return unreadable(GalileoError.SIZE_MISSING);
        }
        if (!(size instanceof JsonNumber number)) {
            return unreadable(GalileoError.SIZE_NOT_WHOLE);
        }
        BigDecimal exact;
        try {
            exact = number.bigDecimalValue();
        } catch (NumberFormatException e) {
            // An exponent beyond what BigDecimal holds.
            return unreadable(GalileoError.SIZE_NOT_WHOLE);
        }
        if (exact.signum() < 0) {
            return unreadable(GalileoError.SIZE_NEGATIVE);
        }
        // Judged by precision and scale first, so 1e999999999 is never expanded into its digits.
        if ((long) exact.precision() - exact.scale() > MAX_LONG_DIGITS || exact.compareTo(LONG_MAX) > 0) {
            return new ClientSignal.Metadata(nameOf(name), Long.MAX_VALUE);
        }
        try {
            return new ClientSignal.Metadata(nameOf(name), exact.setScale(0, RoundingMode.UNNECESSARY).longValueExact());
        } catch (ArithmeticException e) {
            return unreadable(GalileoError.SIZE_NOT_WHOLE);
        }
    }

    private static String nameOf(JsonValue name) {
        return name instanceof JsonString s ? s.getString() : null;
    }

    private static ClientSignal unreadable(GalileoError error) {
        return new ClientSignal.Unreadable(error.failure());
    }
}
