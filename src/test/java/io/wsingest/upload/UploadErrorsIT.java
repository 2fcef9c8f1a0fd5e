package io.wsingest.upload;

import static io.wsingest.upload.UploadFixtures.content;
import static io.wsingest.upload.UploadFixtures.project;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.ByteBuffer;

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

/** Each error of protocol A over a real socket, with its exact close code and reason. */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UploadErrorsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL url;

    private TestServer server() {
        return new TestServer(url);
    }

    /** A member's upload of a 100 000-byte file, handshake done. */
    private UploadClient uploading(TestServer server, String user, String project) throws Exception {
        UploadClient client = UploadClient.connect(server, user, "id=" + project);
        client.awaitStateInfo();
        client.answer("file.bin", 100_000L, 0);
        assertEquals(0, client.awaitHeartbeat());
        return client;
    }

    @Test
    void refusesAConnectionWithoutAToken() throws Exception {
        try (WsClient client = WsClient.connect(server().ws("ws/Upload?id=whatever"))) {
            var close = client.awaitClose();
            assertEquals("1008 Unauthorized: missing token", close.getCloseCode().getCode() + " " + close.getReasonPhrase());
        }
    }

    @Test
    void refusesAMissingProjectId() throws Exception {
        try (UploadClient client = UploadClient.connect(server(), "ann", "saveMedia=true")) {
            client.assertClosedWith(1008, "Project id not set");
        }
    }

    @Test
    void refusesAProjectTheUserIsNotAMemberOf() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = UploadClient.connect(server, "bob", "id=" + project)) {
            client.assertClosedWith(1001, "Project does not exist or user does not have access to it");
        }
    }

    @Test
    void refusesAnUnknownProjectTheSameWay() throws Exception {
        try (UploadClient client = UploadClient.connect(server(), "ann", "id=" + UploadFixtures.uniqueId("none"))) {
            client.assertClosedWith(1001, "Project does not exist or user does not have access to it");
        }
    }

    @Test
    void anOutsidePublisherCannotTakeTheProjectsChannelFirst() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (WsClient squatter = WsClient.connect(server.ws("project-" + project + "/somekey/publish"))) {
            assertEquals("ERROR: Channel is reserved", squatter.awaitText());
            squatter.awaitClose();
        }
        try (UploadClient client = UploadClient.connect(server, "ann", "id=" + project + "&saveMedia=false")) {
            client.awaitStateInfo();
            client.answer("camera-1", null, 0);
            assertEquals(0, client.awaitHeartbeat(), "the upload streams to its channel");
        }
    }

    @Test
    void refusesASaveMediaThatIsNotABoolean() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = UploadClient.connect(server, "ann", "id=" + project + "&saveMedia=maybe")) {
            client.assertClosedWith(1008, "saveMedia must be true or false");
        }
    }

    @Test
    void refusesAnAnswerThatIsNotJson() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = UploadClient.connect(server, "ann", "id=" + project)) {
            client.awaitStateInfo();
            client.ws().sendText("hello");
            client.assertClosedWith(1007, "Invalid FileStateInfo: not a JSON object");
        }
    }

    @Test
    void refusesDataBeforeTheHandshake() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = UploadClient.connect(server, "ann", "id=" + project)) {
            client.awaitStateInfo();
            client.send(0, new byte[10], 0, 10);
            client.assertClosedWith(1007, "Invalid FileStateInfo: the FileStateInfo answer must come before any data");
        }
    }

    @Test
    void refusesARestoreAtAnotherOffset() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        byte[] data = content(100_000, 11);
        try (UploadClient client = uploading(server, "ann", project)) {
            client.sendRange(data, 0, 40_000);
            client.awaitHeartbeatOf(40_000);
        }
        try (UploadClient client = UploadClient.connect(server, "ann", "id=" + project)) {
            assertEquals(40_000, client.awaitStateInfo().getJsonNumber("CurrentFileOffset").longValue());
            client.answer("file.bin", 100_000L, 30_000);
            client.assertClosedWith(1008, "To restore upload, transfer has to be continuous");
        }
    }

    @Test
    void closesAConnectionThatSendsNothingForTheIdleTimeout() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = uploading(server, "ann", project)) {
            // The test server's idle timeout is 5 seconds (see it.jvm.args in the pom); heartbeats keep coming.
            client.assertClosedWith(1008, "Connection timeouted after 5s");
        }
    }

    @Test
    void refusesAMessageLargerThanTheBuffer() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = uploading(server, "ann", project)) {
            ByteBuffer message = ByteBuffer.allocate(32769).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putLong(0).putShort((short) 32759).position(0);
            client.ws().sendBinary(message);
            client.assertClosedWith(1009, "Message does not fit into 32768B buffer");
        }
    }

    /**
     * Far larger messages get the document's close too, not the container's: in one frame of 2 MiB (past the 1 MiB
     * the container used to buffer) and in 64 KiB frames of one 8 MiB message.
     */
    @Test
    void refusesAMessageFarLargerThanTheBufferWithTheDocumentsClose() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = uploading(server, "ann", project)) {
            client.ws().sendBinary(dataMessage(2 << 20));
            client.assertClosedWith(1009, "Message does not fit into 32768B buffer");
        }
        try (UploadClient client = uploading(server, "ann", project(server, "ann"))) {
            client.ws().sendBinaryInFrames(dataMessage(8 << 20), 64 << 10);
            client.assertClosedWith(1009, "Message does not fit into 32768B buffer");
        }
    }

    private static ByteBuffer dataMessage(int size) {
        return ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0).putShort(Short.MAX_VALUE)
                .position(0);
    }

    @Test
    void refusesDataThatDoesNotContinueWhereThePreviousEnded() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = uploading(server, "ann", project)) {
            client.send(0, new byte[100], 0, 100);
            client.send(50, new byte[100], 0, 100);
            client.assertClosedWith(1008, "Transfer has to be continuous, server has 100B of data, not 50B");
        }
    }

    @Test
    void refusesACountThatDoesNotMatchTheData() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = uploading(server, "ann", project)) {
            ByteBuffer lying = UploadClient.CODEC.encode(0, ByteBuffer.allocate(20));
            lying.putShort(8, (short) 21);
            client.ws().sendBinary(lying);
            client.assertClosedWith(1007, "Invalid value of data size");
        }
    }

    @Test
    void refusesDataBeyondTheAnnouncedSize() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = UploadClient.connect(server, "ann", "id=" + project)) {
            client.awaitStateInfo();
            client.answer("small.bin", 10L, 0);
            assertEquals(0, client.awaitHeartbeat());
            client.send(0, new byte[11], 0, 11);
            client.assertClosedWith(1007, "Invalid value of data size");
        }
    }

    @Test
    void refusesDataAfterTheChainWasDestroyed() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = uploading(server, "ann", project)) {
            client.send(0, new byte[100], 0, 100);
            client.awaitHeartbeatOf(100);
            assertEquals(204, server.delete("api/projects/" + project + "/upload", TestServer.token("ann")).statusCode());
            client.send(100, new byte[100], 0, 100);
            client.assertClosedWith(1001,
                    "Attempt to write to completed upload for project " + project + ". (on active upload? False)");
        }
    }

    @Test
    void refusesTextOnceUploading() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = uploading(server, "ann", project)) {
            client.ws().sendText("{}");
            client.assertClosedWith(1003, "Unexpected text message, data messages are binary");
        }
    }

    @Test
    void keepsServingOthersAfterAnError() throws Exception {
        TestServer server = server();
        String project = project(server, "ann");
        try (UploadClient client = uploading(server, "ann", project)) {
            client.send(7, new byte[1], 0, 1);
            client.assertClosedWith(1008, "Transfer has to be continuous, server has 0B of data, not 7B");
        }
        byte[] data = content(100_000, 12);
        try (UploadClient client = UploadClient.connect(server, "ann", "id=" + project)) {
            assertEquals(0, client.uploadAll("file.bin", data));
            client.awaitCompletion(data.length);
        }
    }
}
