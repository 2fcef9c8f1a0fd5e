package io.wsingest.upload;

import static io.wsingest.upload.UploadFixtures.content;
import static io.wsingest.upload.UploadFixtures.files;
import static io.wsingest.upload.UploadFixtures.project;
import static io.wsingest.upload.UploadFixtures.sha256;
import static io.wsingest.upload.UploadFixtures.uploadState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import io.wsingest.testing.Deployments;
import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;

/**
 * {@code saveMedia=false} with a live relay deployed (a recording one, standing in for protocol E): the bytes reach
 * the channel {@code project-{id}} in order, resume works as for files, and nothing is kept.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UploadStreamIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application().addClass(RecordingLiveRelay.class);
    }

    @ArquillianResource
    URL url;

    private static JsonObject channel(TestServer server, String projectId) throws Exception {
        var response = server.get("test/live/project-" + projectId, null);
        assertEquals(200, response.statusCode(), response.body());
        return Json.object(response.body());
    }

    @Test
    void relaysAStreamToTheProjectsChannelAcrossAResumeAndKeepsNothing() throws Exception {
        TestServer server = new TestServer(url);
        String project = project(server, "nia");
        byte[] data = content(400_000, 31);

        try (UploadClient client = UploadClient.connect(server, "nia", "id=" + project + "&saveMedia=false")) {
            client.awaitStateInfo();
            client.answer("camera-1", (long) data.length, 0);
            assertEquals(0, client.awaitHeartbeat());
            client.sendRange(data, 0, 150_000);
            client.awaitHeartbeatOf(150_000);
        }
        try (UploadClient client = UploadClient.connect(server, "nia", "id=" + project + "&saveMedia=false")) {
            assertEquals(150_000, client.uploadAll("camera-1", data));
            client.awaitCompletion(data.length);
        }

        JsonObject channel = channel(server, project);
        assertEquals(data.length, channel.getJsonNumber("bytes").longValue());
        assertEquals(sha256(data), channel.getString("sha256"), "every byte once, in order");
        assertEquals(2, channel.getInt("opened"), "one publication per connection");
        assertEquals(2, channel.getInt("closed"));

        assertTrue(files(server, project, "nia").isEmpty(), "a stream is not kept as a media file");
        JsonObject upload = uploadState(server, project, "nia");
        assertEquals("COMPLETED", upload.getString("state"));
        assertTrue(upload.isNull("fileId"));
    }

    @Test
    void aFileCannotBeContinuedAsAStream() throws Exception {
        TestServer server = new TestServer(url);
        String project = project(server, "oli");
        try (UploadClient client = UploadClient.connect(server, "oli", "id=" + project)) {
            client.awaitStateInfo();
            client.answer("file.bin", 1000L, 0);
            assertEquals(0, client.awaitHeartbeat());
        }
        try (UploadClient client = UploadClient.connect(server, "oli", "id=" + project + "&saveMedia=false")) {
            client.assertClosedWith(1008,
                    "Upload was started with saveMedia=true, cannot continue with saveMedia=false");
        }
    }
}
