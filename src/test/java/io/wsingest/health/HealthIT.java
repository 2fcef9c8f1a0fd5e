package io.wsingest.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpResponse;

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

/** The health endpoint reports the real database, broker and blob store of the running server. */
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
        for (String component : new String[] {"database", "broker", "storage"}) {
            assertEquals("UP", checks.getString(component), component);
        }
    }

    @Test
    void readinessIsTheSameReport() throws Exception {
        assertEquals(200, new TestServer(url).get("health/ready", null).statusCode());
    }
}
