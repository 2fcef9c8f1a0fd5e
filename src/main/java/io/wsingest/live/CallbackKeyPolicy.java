package io.wsingest.live;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * {@code callback}: each publisher is put to a coordinator, like nginx-rtmp's {@code on_publish}. The server POSTs
 * {@code {"channel", "key", "kind": "publish", "address"}} to the callback URL; a 2xx answer accepts (its body may be
 * {@code {"stream_id": "…"}}), anything else refuses, and so do a timeout and an unreachable coordinator. Receivers
 * are not put to the coordinator: as in open mode, they must present the accepted publisher's key.
 */
final class CallbackKeyPolicy implements KeyPolicy {

    /** Stream ids go into logs and the API: visible ASCII, at most 128 characters. */
    /** Looked up once: {@code Json.create…} finds the provider again on every call, a class-path scan. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern STREAM_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final URI url;
    private final Duration timeout;
    private final CallbackClient client;

    CallbackKeyPolicy(URI url, Duration timeout, CallbackClient client) {
        this.url = url;
        this.timeout = timeout;
        this.client = client;
    }

    @Override
    public KeyCheck checkPublisher(String channel, String key, String address) {
        String body = requestBody(channel, key, ConnectionKind.PUBLISH, address);
        CallbackClient.Response response;
        try {
            response = client.post(url, body, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new KeyCheck.Refused(LiveClose.INVALID_STREAMING_KEY, "interrupted while asking the coordinator");
        } catch (IOException | RuntimeException e) {
            return new KeyCheck.Refused(LiveClose.INVALID_STREAMING_KEY, "the coordinator did not answer: " + e);
        }
        if (response.status() < 200 || response.status() > 299) {
            return new KeyCheck.Refused(LiveClose.INVALID_STREAMING_KEY,
                    "the coordinator refused with HTTP " + response.status());
        }
        return new KeyCheck.Accepted(streamId(response.body()), true);
    }

    @Override
    public KeyCheck checkReceiver(String channel, String key, ConnectionKind kind, String address) {
        return new KeyCheck.Accepted(null, false);
    }

    static String requestBody(String channel, String key, ConnectionKind kind, String address) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("channel", channel)
                .add("key", key)
                .add("kind", kind.wire());
        if (address == null) {
            json.addNull("address");
        } else {
            json.add("address", address);
        }
        return json.build().toString();
    }

    /** The {@code stream_id} of an accepting answer, if it has a usable one; null to generate one. */
    static String streamId(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object && object.get("stream_id") instanceof JsonString id
                    && STREAM_ID.matcher(id.getString()).matches()) {
                return id.getString();
            }
        } catch (JsonException e) {
            // Not JSON: an accepting answer needs no body.
        }
        return null;
    }
}
