package io.wsingest.upload;

import static io.wsingest.upload.UploadFixtures.content;
import static io.wsingest.upload.UploadFixtures.files;
import static io.wsingest.upload.UploadFixtures.project;
import static io.wsingest.upload.UploadFixtures.sha256;
import static io.wsingest.upload.UploadFixtures.uploadState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.ByteBuffer;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

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
import io.wsingest.testing.WsClient;
import io.wsingest.testing.Unique;

/**
 * {@code saveMedia=false}: the bytes reach the live channel {@code project-{id}} of protocol E in order, where a real
 * receiver (holding the channel's stored key) watches them; resume works as for files, and nothing is kept.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UploadStreamIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL url;

    /** Gives the project's channel a receive key and connects a receiver, which waits for the upload to publish. */
    private static WsClient receiver(TestServer server, String projectId, String key) throws Exception {
        var stored = server.putJson("api/live/channels/project-" + projectId + "/key", TestServer.adminToken("root"),
                "{\"key\":\"" + key + "\"}");
        assertTrue(stored.statusCode() / 100 == 2, stored.body());
        return WsClient.connect(server.ws("project-" + projectId + "/" + key + "/receive"));
    }

    /** Everything the receiver gets until the stream ends, which closes it. */
    private static byte[] receiveUntilStreamEnds(WsClient receiver, int expectedBytes) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (received.size() < expectedBytes) {
            ByteBuffer chunk = receiver.awaitBinary();
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            received.write(bytes);
        }
        CloseReason end = receiver.awaitClose();
        assertEquals(1000, end.getCloseCode().getCode());
        assertEquals("Stream ended", end.getReasonPhrase());
        return received.toByteArray();
    }

    @Test
    void relaysAStreamToTheProjectsChannelAcrossAResumeAndKeepsNothing() throws Exception {
        TestServer server = new TestServer(url);
        String project = project(server, "nia");
        String key = Unique.name("k");
        byte[] data = content(400_000, 31);

        ByteArrayOutputStream watched = new ByteArrayOutputStream();
        try (WsClient firstViewer = receiver(server, project, key);
             UploadClient client = UploadClient.connect(server, "nia", "id=" + project + "&saveMedia=false")) {
            client.awaitStateInfo();
            client.answer("camera-1", (long) data.length, 0);
            assertEquals(0, client.awaitHeartbeat());
            client.sendRange(data, 0, 150_000);
            client.awaitHeartbeatOf(150_000);
            client.close();
            watched.write(receiveUntilStreamEnds(firstViewer, 150_000));
        }
        try (WsClient secondViewer = receiver(server, project, key);
             UploadClient client = UploadClient.connect(server, "nia", "id=" + project + "&saveMedia=false")) {
            assertEquals(150_000, client.uploadAll("camera-1", data));
            client.awaitCompletion(data.length);
            watched.write(receiveUntilStreamEnds(secondViewer, data.length - 150_000));
        }

        assertEquals(sha256(data), sha256(watched.toByteArray()), "every byte once, in order");
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
