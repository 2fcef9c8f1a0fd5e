package io.wsingest.upload;

import static io.wsingest.upload.UploadFixtures.content;
import static io.wsingest.upload.UploadFixtures.files;
import static io.wsingest.upload.UploadFixtures.project;
import static io.wsingest.upload.UploadFixtures.sha256;
import static io.wsingest.upload.UploadFixtures.uploadState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

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
import io.wsingest.testing.TestServer;

/**
 * Uploads that outlive their server or their restore window: a chain left by a crash resumes from its recorded
 * durable offset (not from what happened to reach the disk), a chain whose data is gone fails, and an interruption
 * longer than the restore window ends the upload.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UploadRecoveryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application().addClass(UploadTestProbe.class);
    }

    @ArquillianResource
    URL url;

    private TestServer server() {
        return new TestServer(url);
    }

    private static void post(TestServer server, String path, byte[] body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.http(path))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode(), response.body());
    }

    @Test
    void resumesAChainLeftByACrashFromItsDurableOffset() throws Exception {
        TestServer server = server();
        String project = project(server, "kim");
        byte[] data = content(1_000_000, 21);
        // The crashed server had received 500 000 bytes, of which it had made 300 000 durable and reported them.
        post(server, "test/upload/" + project + "/crashed?user=kim&total=1000000&durable=300000",
                Arrays.copyOf(data, 500_000));

        try (UploadClient client = UploadClient.connect(server, "kim", "id=" + project)) {
            JsonObject info = client.awaitStateInfo();
            assertTrue(info.getBoolean("IsInitialized"));
            assertEquals(300_000, info.getJsonNumber("CurrentFileOffset").longValue());
            client.answer("crashed.bin", 1_000_000L, 300_000);
            assertEquals(300_000, client.awaitHeartbeat());
            client.sendRange(data, 300_000, data.length);
            client.awaitCompletion(data.length);
        }
        assertEquals(sha256(data), files(server, project, "kim").getJsonObject(0).getString("sha256"),
                "the bytes past the durable offset were cut off and sent again");
    }

    @Test
    void failsAChainWhoseDataIsLost() throws Exception {
        TestServer server = server();
        String project = project(server, "lou");
        post(server, "test/upload/" + project + "/crashed?user=lou&total=1000&durable=100&lost=true", new byte[0]);

        try (UploadClient client = UploadClient.connect(server, "lou", "id=" + project)) {
            assertEquals(100, client.awaitStateInfo().getJsonNumber("CurrentFileOffset").longValue());
            client.answer("crashed.bin", 1000L, 100);
            client.assertClosedWith(1011, "Error: 'The uploaded data is missing on the server'");
        }
        try (UploadClient client = UploadClient.connect(server, "lou", "id=" + project)) {
            client.assertClosedWith(1008, "Cannot upload, already completed");
        }
        JsonObject upload = uploadState(server, project, "lou");
        assertEquals("FAILED", upload.getString("state"));
        assertEquals("The uploaded data is missing on the server", upload.getString("failure"));
    }

    @Test
    void refusesARestoreAfterTheRestoreWindow() throws Exception {
        TestServer server = server();
        String project = project(server, "max");
        byte[] data = content(50_000, 22);
        try (UploadClient client = UploadClient.connect(server, "max", "id=" + project)) {
            client.awaitStateInfo();
            client.answer("late.bin", (long) data.length, 0);
            assertEquals(0, client.awaitHeartbeat());
            client.sendRange(data, 0, 20_000);
            client.awaitHeartbeatOf(20_000);
        }
        post(server, "test/upload/" + project + "/age/86400", new byte[0]);
        assertEquals("EXPIRED", uploadState(server, project, "max").getString("state"));

        try (UploadClient client = UploadClient.connect(server, "max", "id=" + project)) {
            JsonObject info = client.awaitStateInfo();
            assertTrue(info.getBoolean("IsInitialized"));
            assertEquals(20_000, info.getJsonNumber("CurrentFileOffset").longValue());
            client.answer("late.bin", (long) data.length, 20_000);
            client.assertClosedWith(1008, "Upload cannot be restored, restore timed out");
        }
    }
}
