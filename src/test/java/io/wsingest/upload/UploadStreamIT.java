package io.wsingest.upload;

import static io.wsingest.upload.UploadFixtures.content;
import static io.wsingest.upload.UploadFixtures.files;
import static io.wsingest.upload.UploadFixtures.liveViewer;
import static io.wsingest.upload.UploadFixtures.project;
import static io.wsingest.upload.UploadFixtures.sha256;
import static io.wsingest.upload.UploadFixtures.uploadState;
import static io.wsingest.upload.UploadFixtures.watchUntilStreamEnds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
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
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;
import io.wsingest.testing.WsClient;

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

    @Test
    void relaysAStreamToTheProjectsChannelAcrossAResumeAndKeepsNothing() throws Exception {
        TestServer server = new TestServer(url);
        String project = project(server, "nia");
        String key = Unique.name("k");
        byte[] data = content(400_000, 31);

        ByteArrayOutputStream watched = new ByteArrayOutputStream();
        try (WsClient firstViewer = liveViewer(server, project, key);
             UploadClient client = UploadClient.connect(server, "nia", "id=" + project + "&saveMedia=false")) {
            client.startAndSend("camera-1", data, 150_000);
            client.close();
            watched.write(watchUntilStreamEnds(firstViewer, 150_000));
        }
        try (WsClient secondViewer = liveViewer(server, project, key);
             UploadClient client = UploadClient.connect(server, "nia", "id=" + project + "&saveMedia=false")) {
            assertEquals(150_000, client.uploadAll("camera-1", data));
            client.awaitCompletion(data.length);
            watched.write(watchUntilStreamEnds(secondViewer, data.length - 150_000));
        }

        assertEquals(sha256(data), sha256(watched.toByteArray()), "every byte once, in order");
        assertTrue(files(server, project, "nia").isEmpty(), "a stream is not kept as a media file");
        JsonObject upload = uploadState(server, project, "nia");
        assertEquals("COMPLETED", upload.getString("state"));
        assertTrue(upload.isNull("fileId"));
    }

    /**
     * The client lost its connection, the server did not notice, and the client resumes at once: the new connection
     * takes the upload over, and with it the channel the old one was still publishing on.
     */
    @Test
    void aStreamResumedWhileItsOldConnectionIsStillOpenTakesTheChannelOver() throws Exception {
        TestServer server = new TestServer(url);
        String project = project(server, "noor");
        String key = Unique.name("k");
        byte[] data = content(400_000, 37);

        ByteArrayOutputStream watched = new ByteArrayOutputStream();
        try (WsClient firstViewer = liveViewer(server, project, key);
             UploadClient lost = UploadClient.connect(server, "noor", "id=" + project + "&saveMedia=false")) {
            lost.startAndSend("camera-2", data, 150_000);

            try (UploadClient resumed = UploadClient.connect(server, "noor", "id=" + project + "&saveMedia=false")) {
                assertEquals(150_000, resumed.awaitStateInfo().getJsonNumber("CurrentFileOffset").longValue());
                resumed.answer("camera-2", (long) data.length, 150_000);
                assertEquals(150_000, resumed.awaitHeartbeat(), "taken over, channel and all");
                watched.write(watchUntilStreamEnds(firstViewer, 150_000));
                try (WsClient secondViewer = liveViewer(server, project, key)) {
                    resumed.sendRange(data, 150_000, data.length);
                    resumed.awaitCompletion(data.length);
                    watched.write(watchUntilStreamEnds(secondViewer, data.length - 150_000));
                }
            }
        }
        assertEquals(sha256(data), sha256(watched.toByteArray()), "every byte once, in order");
        assertEquals("COMPLETED", uploadState(server, project, "noor").getString("state"));
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
