package io.wsingest.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;

/** {@code GET /api/admin/settings}: the settings the deployment runs with, for administrators, secrets hidden. */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SettingsIT {

    /** A secret of this deployment's own, besides the test server's JWT secret from its system properties. */
    private static final String CALLBACK_PASSWORD = "callback-pa55word-never-shown";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings("wsingest.ocr.workers=3",
                "wsingest.live.callback-url=https://svc:" + CALLBACK_PASSWORD + "@coordinator.invalid/publish");
    }

    @ArquillianResource
    URL url;

    private Map<String, JsonObject> settings(String token) throws Exception {
        var response = new TestServer(url).get("api/admin/settings", token);
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.body().contains(TestServer.secret()), "the JWT secret is never returned");
        assertFalse(response.body().contains(CALLBACK_PASSWORD), "nor a URL's password");
        return Json.object(response.body()).getJsonArray("settings").stream()
                .map(JsonObject.class::cast)
                .collect(Collectors.toMap(s -> s.getString("key"), s -> s));
    }

    @Test
    void administratorsSeeTheEffectiveValuesWithSecretsHidden() throws Exception {
        Map<String, JsonObject> settings = settings(TestServer.adminToken("root"));

        JsonObject secret = settings.get("wsingest.jwt.secret");
        assertEquals("(hidden)", secret.getString("value"));
        assertTrue(secret.getBoolean("configured") && secret.getBoolean("hidden"), secret::toString);

        assertEquals("3", settings.get("wsingest.ocr.workers").getString("value"), "configured in the WAR");
        assertTrue(settings.get("wsingest.ocr.workers").getBoolean("configured"));
        assertEquals("1", settings.get("wsingest.upload.heartbeat-seconds").getString("value"),
                "configured as a system property");
        JsonObject enabled = settings.get("wsingest.ocr.enabled");
        assertEquals("true", enabled.getString("value"));
        assertFalse(enabled.getBoolean("configured"), "the default");
        assertEquals("https://(hidden)@coordinator.invalid/publish",
                settings.get("wsingest.live.callback-url").getString("value"));
        assertTrue(settings.keySet().stream().allMatch(key -> key.startsWith("wsingest.")), settings::toString);
    }

    @Test
    void othersAreRefused() throws Exception {
        TestServer server = new TestServer(url);
        assertEquals(403, server.get("api/admin/settings", TestServer.token("mallory")).statusCode());
        assertEquals(401, server.get("api/admin/settings", null).statusCode());
    }
}
