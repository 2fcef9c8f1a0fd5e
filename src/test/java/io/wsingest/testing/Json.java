package io.wsingest.testing;

import java.io.StringReader;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/** JSON for assertions in client-side tests. */
public final class Json {

    private Json() {
    }

    public static JsonObject object(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    public static JsonArray array(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readArray();
        }
    }
}
