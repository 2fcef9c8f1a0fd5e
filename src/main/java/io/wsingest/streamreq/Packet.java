package io.wsingest.streamreq;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One packet of protocol C: string headers and an optional payload. On the wire it is one text message,
 * {@code {"headers": {...}, "payload": ...}} (see {@link PacketCodec}).
 *
 * @param headers header names in lower case, values never null; the order is kept for readable output
 * @param payload the payload as JSON text, or null for none ({@code payload: -} in the protocol document)
 */
public record Packet(Map<String, String> headers, String payload) {

    public Packet {
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((name, value) -> {
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Header names are lower case: " + name);
            }
            copy.put(name, Objects.requireNonNull(value, name));
        });
        headers = Collections.unmodifiableMap(copy);
    }

    /** A response with its status; add headers with {@link #with}. */
    public static Packet response(Status status) {
        return new Packet(Map.of(Headers.STATUS, status.wire()), null);
    }

    /** A failure response: the status and a short reason in the {@code error} header. */
    public static Packet error(Status status, String reason) {
        return response(status).with(Headers.ERROR, reason);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** This packet with the header set (replacing any value it had). */
    public Packet with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Packet(copy, payload);
    }

    /** This packet with the header set if it has none of that name and {@code value} is not null. */
    public Packet withIfAbsent(String name, String value) {
        return value == null || headers.containsKey(name) ? this : with(name, value);
    }

    /** This packet with the payload (JSON text) replaced. */
    public Packet withPayload(String json) {
        return new Packet(headers, json);
    }
}
