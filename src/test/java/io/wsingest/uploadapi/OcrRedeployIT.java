package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployer;
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
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.TextPages;
import io.wsingest.testing.Unique;

/**
 * The application is redeployed while an OCR job is reading a page: the job is cancelled with its deployment (the
 * executor is the server's and outlives it), the upload stays {@code processing} in the database, and the next
 * deployment's start-up recovery reads it again. The application then serves everyone.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OcrRedeployIT {

    private static final String APP = "redeployed";

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    Deployer deployer;

    /** A page of eighteen paragraphs: seconds of OCR, its text streaming line by line. */
    private static byte[] longPage() {
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            paragraphs.addAll(TextPages.THREE_PARAGRAPHS);
        }
        return TestImages.encode(TextPages.page(paragraphs, System.nanoTime()), "png");
    }

    @Test
    void anUploadWhoseOcrARedeploymentInterruptedIsReadByTheNextDeployment() throws Exception {
        String user = Unique.name("redeploy-");
        TestServer server = TestServer.atTestPort();
        deployer.deploy(APP);
        try {
            String id;
            try (UploadApiClient client = UploadApiClient.connect(server, "ws/core/upload/", user)) {
                id = client.create(longPage()).getJsonObject("instance").getString("id");
                JsonObject event;
                do {
                    event = client.next();
                    if (UploadApiClient.isStatusChange(event)) {
                        continue;
                    }
                    assertEquals("processing", event.getString("status"), event::toString);
                } while (UploadApiClient.isStatusChange(event) || event.getString("streamed_text").isEmpty());

                deployer.undeploy(APP);
            }
            deployer.deploy(APP);

            try (UploadApiClient client = UploadApiClient.connect(server, "ws/core/upload/" + id + "/", user)) {
                JsonObject last = client.finalStatus(id);
                assertEquals("processed", last.getString("status"), last::toString);
                assertFalse(last.getString("raw_text").isBlank(), last::toString);
            }
            new Bystander(server).assertUnharmed();
        } finally {
            deployer.undeploy(APP);
        }
    }
}
