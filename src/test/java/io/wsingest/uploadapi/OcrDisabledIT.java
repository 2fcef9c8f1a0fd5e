package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Bystander;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.Json;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;

/**
 * {@code wsingest.ocr.enabled=false}: no engine starts, protocol D refuses OCR with its documented error and keeps the
 * socket, protocols A, B, C and E serve as always, and the server is ready (OCR is off by choice).
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OcrDisabledIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings("wsingest.ocr.enabled=false");
    }

    @ArquillianResource
    URL url;

    @Test
    void createIsRefusedAndTheSocketServesOtherCommands() throws Exception {
        try (UploadApiClient client = UploadApiClient.connect(new TestServer(url), "ws/core/upload/",
                Unique.name("off"))) {
            JsonObject reply = client.command(UploadApiClient.createMessage(TestImages.png(24, 16, 2)),
                    "Upload.created");
            assertEquals("OCR is turned off on this server.",
                    reply.getJsonObject("error").getString("non_field_errors"), reply::toString);
            assertFalse(reply.containsKey("instance"), reply::toString);
            JsonObject list = client.command("{\"type\":\"list\"}", "Upload.list");
            assertEquals(0, list.getJsonArray("list").size(), "nothing was stored: " + list);
        }
    }

    @Test
    void theOtherProtocolsServe() throws Exception {
        new Bystander(new TestServer(url)).assertServedWithoutOcr();
    }

    @Test
    void theServerIsReadyWithOcrTurnedOff() throws Exception {
        var response = new TestServer(url).get("health", null);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("UP: turned off", Json.object(response.body()).getJsonObject("checks").getString("ocr"));
    }
}
