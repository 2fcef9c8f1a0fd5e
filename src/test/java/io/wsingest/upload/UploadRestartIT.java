package io.wsingest.upload;

import static io.wsingest.upload.UploadFixtures.content;
import static io.wsingest.upload.UploadFixtures.files;
import static io.wsingest.upload.UploadFixtures.project;
import static io.wsingest.upload.UploadFixtures.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


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

import io.wsingest.testing.Deployments;
import io.wsingest.testing.TestServer;

/**
 * An upload resumes after the application restarts: everything the new instance knows comes from the database and
 * the spool file. (The server process keeps running; a crash, where bytes after the last heartbeat are lost, is
 * covered by {@link UploadRecoveryIT}.)
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UploadRestartIT {

    private static final String APP = "restartable";

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void resumesAnUploadAfterTheApplicationIsRedeployed() throws Exception {
        deployer.deploy(APP);
        try {
            TestServer server = TestServer.atTestPort();
            String project = project(server, "pia");
            byte[] data = content(2 * 1024 * 1024, 41);
            int firstPart = 1024 * 1024;
            long reported;

            try (UploadClient client = UploadClient.connect(server, "pia", "id=" + project)) {
                client.awaitStateInfo();
                client.answer("before-restart.bin", (long) data.length, 0);
                assertEquals(0, client.awaitHeartbeat());
                client.sendRange(data, 0, firstPart);
                reported = client.awaitHeartbeatOf(firstPart);

                deployer.undeploy(APP);
                client.awaitClose();
            }
            deployer.deploy(APP);

            try (UploadClient client = UploadClient.connect(server, "pia", "id=" + project)) {
                JsonObject info = client.awaitStateInfo();
                assertTrue(info.getBoolean("IsInitialized"));
                assertEquals(reported, info.getJsonNumber("CurrentFileOffset").longValue());
                client.answer("before-restart.bin", (long) data.length, reported);
                assertEquals(reported, client.awaitHeartbeat());
                client.sendRange(data, reported, data.length);
                client.awaitCompletion(data.length);
            }
            assertEquals(sha256(data), files(server, project, "pia").getJsonObject(0).getString("sha256"));
        } finally {
            deployer.undeploy(APP);
        }
    }
}
