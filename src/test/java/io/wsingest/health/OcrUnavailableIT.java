package io.wsingest.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Bystander;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.Json;
import io.wsingest.testing.ServerLog;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;
import io.wsingest.uploadapi.UploadApiClient;

/**
 * A server whose OCR engine cannot start, as on a machine without Tesseract's natives: here a configured model that is
 * not there, which fails the same start-up. The WAR deploys and serves A, B, C and E; protocol D refuses OCR; the
 * public {@code /health} and MicroProfile readiness name the {@code ocr} check as down, without the cause, which the log
 * has once.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OcrUnavailableIT {

    /** Named in the engine's failure; no answer to a client may contain it. */
    private static final String MISSING_MODELS = "/nonexistent/ws-ingest-it-tessdata";

    private static ServerLog log;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings("wsingest.ocr.languages=deu", "wsingest.ocr.tessdata-dir=" + MISSING_MODELS);
    }

    @ArquillianResource
    URL url;

    @BeforeAll
    static void markLog() throws Exception {
        log = ServerLog.mark();
    }

    @Test
    void healthNamesTheFailedCheckButNotItsCause() throws Exception {
        var response = new TestServer(url).get("health", null);
        assertEquals(503, response.statusCode(), response.body());
        assertFalse(response.body().contains(MISSING_MODELS) || response.body().contains("traineddata"),
                response.body());
        JsonObject health = Json.object(response.body());
        assertEquals("DOWN", health.getString("status"));
        JsonObject checks = health.getJsonObject("checks");
        assertEquals("DOWN: the OCR engine could not start; see the server log", checks.getString("ocr"));
        assertEquals("UP", checks.getString("database"));
        assertEquals("UP", checks.getString("storage"));
    }

    @Test
    void microProfileReadinessReportsOcrDown() throws Exception {
        Map<String, JsonObject> checks = HealthChecks.microProfile("/ready", 503);
        assertEquals("DOWN", checks.get("ocr").getString("status"), checks::toString);
        assertEquals("UP", checks.get("database").getString("status"));
        assertFalse(checks.toString().contains(MISSING_MODELS), checks::toString);
    }

    @Test
    void aFailingCheckIsLoggedOnceNotPerRequest() throws Exception {
        TestServer server = new TestServer(url);
        for (int i = 0; i < 3; i++) {
            assertEquals(503, server.get("health", null).statusCode());
        }
        // A rejected token logs its path: once that line is in the log, so is everything the probes logged before it.
        String marker = Unique.name("marker");
        assertEquals(401, server.get("api/live/channels/" + marker, "not-a-token").statusCode());
        List<String> lines = log.awaitLine(marker);
        long downs = lines.stream().filter(line -> line.contains("Health check ocr is DOWN")).count();
        assertEquals(1, downs, () -> String.join("\n", lines));
    }

    @Test
    void protocolDRefusesOcrAndKeepsTheSocket() throws Exception {
        try (UploadApiClient client = UploadApiClient.connect(new TestServer(url), "ws/core/upload/",
                Unique.name("no-ocr"))) {
            JsonObject reply = client.command(UploadApiClient.createMessage(TestImages.png(24, 16, 1)),
                    "Upload.created");
            assertEquals("OCR is unavailable on this server; try again later.",
                    reply.getJsonObject("error").getString("non_field_errors"), reply::toString);
            JsonObject list = client.command("{\"type\":\"list\"}", "Upload.list");
            assertFalse(list.containsKey("error"), list::toString);
        }
    }

    @Test
    void theOtherProtocolsServe() throws Exception {
        new Bystander(new TestServer(url)).assertServedWithoutOcr();
    }
}
