package io.wsingest.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;

/** Reading MicroProfile Health's answer: the application's checks by name, among the server's own. */
final class HealthChecks {

    static final String[] APPLICATION_CHECKS = {"database", "broker", "storage", "ocr"};

    private HealthChecks() {
    }

    /** The checks of a MicroProfile Health answer ({@code "/ready"}, {@code "/live"}, {@code ""}) by name. */
    static Map<String, JsonObject> microProfile(String probe, int expectedStatus) throws Exception {
        var response = TestServer.microProfileHealth(probe);
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return Json.object(response.body()).getJsonArray("checks").stream()
                .map(JsonObject.class::cast)
                .collect(Collectors.toMap(check -> check.getString("name"), check -> check, (a, b) -> a));
    }
}
