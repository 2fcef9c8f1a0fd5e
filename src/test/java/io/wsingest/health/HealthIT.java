package io.wsingest.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

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

/**
 * The health endpoint reports the real database, broker, blob store and OCR engine of the running server, and the same
 * checks join the server's own in MicroProfile Health.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL url;

    @Test
    void reportsEveryComponentUp() throws Exception {
        HttpResponse<String> response = new TestServer(url).get("health", null);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = Json.object(response.body());
        assertEquals("UP", health.getString("status"));
        JsonObject checks = health.getJsonObject("checks");
        for (String component : HealthChecks.APPLICATION_CHECKS) {
            assertEquals("UP", checks.getString(component), component);
        }
    }

    @Test
    void readinessIsTheSameReport() throws Exception {
        assertEquals(200, new TestServer(url).get("health/ready", null).statusCode());
    }

    @Test
    void microProfileReadinessHasTheApplicationsChecks() throws Exception {
        Map<String, JsonObject> checks = HealthChecks.microProfile("/ready", 200);
        for (String component : HealthChecks.APPLICATION_CHECKS) {
            JsonObject check = checks.get(component);
            assertNotNull(check, () -> component + " among " + checks.keySet());
            assertEquals("UP", check.getString("status"), check::toString);
        }
        assertNotNull(HealthChecks.microProfile("", 200).get("database"), "the whole answer has them too");
    }

    @Test
    void livenessIsTheServersOwn() throws Exception {
        // Restarting fixes none of these components: they are readiness only (docs/operations.md, Health).
        assertNull(HealthChecks.microProfile("/live", 200).get("database"));
    }
}
