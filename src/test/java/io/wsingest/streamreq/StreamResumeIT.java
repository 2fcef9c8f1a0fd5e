package io.wsingest.streamreq;

import static io.wsingest.streamreq.StreamTestClient.assertStatus;
import static io.wsingest.streamreq.StreamTestClient.header;
import static io.wsingest.streamreq.StreamTestClient.randomBytes;
import static io.wsingest.streamreq.StreamTestClient.sha256;
import static io.wsingest.streamreq.StreamTestClient.uniqueUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;

import jakarta.json.JsonArray;
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
 * Resuming a stream by its key over real sockets: after the connection closed mid-stream, and while the first
 * connection is still open (a connection the client gave up on but the server has not noticed yet). The test server
 * checkpoints every MiB ({@code wsingest.stream.checkpoint-bytes} in {@code it.jvm.args}).
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StreamResumeIT {

    private static final int BUFFER = 65536;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL url;

    private StreamTestClient connect(String user) throws Exception {
        return StreamTestClient.connect(new TestServer(url).ws("ws/stream", TestServer.token(user)));
    }

    private static Map<String, String> resume(long total, String key) {
        return Map.of("route", "/upload-file", "x-stream", total + ":" + BUFFER, "x-stream-key", key,
                "data-format", "bytes", "x-request-id", "resume-1");
    }

    private static long offset(JsonObject resumed) {
        return Long.parseLong(header(resumed, "x-stream-offset"));
    }

    @Test
    void resumesAfterTheConnectionClosedMidStream() throws Exception {
        String user = uniqueUser("mia");
        byte[] data = randomBytes((3 << 20) + 17, 7);
        int sent = 25 * BUFFER + 1000;
        String key;
        try (StreamTestClient first = connect(user)) {
            JsonObject accepted = first.request(Map.of("route", "/upload-file", "x-stream", data.length + ":65536",
                    "data-format", "bytes", "file-name", "resumed.bin"));
            key = header(accepted, "x-stream-key");
            first.sendData(data, 0, sent, BUFFER);
            // A connection's messages are handled in order: once this is answered, the data above has arrived.
            assertStatus("0", first.request(Map.of("route", "/files")));
        }

        try (StreamTestClient second = connect(user)) {
            JsonObject resumed = second.request(resume(data.length, key));

            assertStatus("0", resumed);
            assertEquals("0:65536", header(resumed, "x-stream"));
            assertEquals(key, header(resumed, "x-stream-key"));
            assertEquals("bytes", header(resumed, "data-format"));
            assertEquals("resume-1", header(resumed, "x-request-id"));
            // Whether the server saw the close before the resume or not, what arrived was made durable first.
            assertEquals(sent, offset(resumed));

            second.sendData(data, sent, data.length, BUFFER);
            JsonObject done = second.next();

            assertStatus("0", done);
            assertEquals("0:0", header(done, "x-stream"));
            assertEquals("resume-1", header(done, "x-request-id"));
            assertEquals(sha256(data), done.getJsonObject("payload").getString("sha256"));
            assertEquals("resumed.bin", done.getJsonObject("payload").getString("name"));
            JsonArray files = second.request(Map.of("route", "/files")).getJsonArray("payload");
            assertEquals(1, files.size());
            assertEquals(sha256(data), files.getJsonObject(0).getString("sha256"));
        }
    }

    @Test
    void takesTheStreamOverFromAConnectionThatIsStillOpen() throws Exception {
        String user = uniqueUser("ned");
        byte[] data = randomBytes((2 << 20) + 5, 8);
        try (StreamTestClient stale = connect(user); StreamTestClient fresh = connect(user)) {
            JsonObject accepted = stale.request(Map.of("route", "/upload-file", "x-stream", data.length + ":65536",
                    "data-format", "bytes"));
            String key = header(accepted, "x-stream-key");
            int sent = 20 * BUFFER;
            stale.sendData(data, 0, sent, BUFFER);

            JsonObject resumed = fresh.request(resume(data.length, key));

            assertStatus("0", resumed);
            long offset = offset(resumed);
            assertTrue(offset >= 0 && offset <= sent, "offset " + offset);
            fresh.sendData(data, (int) offset, data.length, BUFFER);
            JsonObject done = fresh.next();
            assertStatus("0", done);
            assertEquals(sha256(data), done.getJsonObject("payload").getString("sha256"));

            // The stale connection's data no longer goes anywhere.
            stale.sendData(data, 0, 10, BUFFER);
            JsonObject lost = stale.next();
            assertStatus("8", lost);
            assertEquals(key, header(lost, "x-stream-key"));
            assertEquals("the stream was resumed on another connection", header(lost, "error"));
        }
    }

    @Test
    void aConnectionWhoseStreamWasTakenOverMayStartAnother() throws Exception {
        String user = uniqueUser("pia");
        byte[] data = randomBytes(3 * BUFFER, 10);
        try (StreamTestClient stale = connect(user); StreamTestClient fresh = connect(user)) {
            String key = header(stale.request(Map.of("route", "/upload-file", "x-stream", data.length + ":65536",
                    "data-format", "bytes")), "x-stream-key");

            assertStatus("0", fresh.request(resume(data.length, key)));
            JsonObject second = stale.request(Map.of("route", "/upload-file", "x-stream", "3:65536",
                    "data-format", "bytes"));

            assertStatus("0", second);
            stale.sendData(new byte[] {1, 2, 3}, 0, 3, BUFFER);
            assertStatus("0", stale.next());
        }
    }

    @Test
    void aResumeMustNameTheStreamsTotalAndFormat() throws Exception {
        String user = uniqueUser("ola");
        byte[] data = randomBytes(200_000, 9);
        String key;
        try (StreamTestClient first = connect(user)) {
            key = header(first.request(Map.of("route", "/upload-file", "x-stream", data.length + ":65536",
                    "data-format", "bytes")), "x-stream-key");
            first.sendData(data, 0, BUFFER, BUFFER);
        }
        try (StreamTestClient second = connect(user)) {
            JsonObject wrongTotal = second.request(resume(data.length + 1, key));
            JsonObject wrongFormat = second.request(Map.of("route", "/upload-file", "x-stream",
                    data.length + ":65536", "x-stream-key", key, "data-format", "text"));
            JsonObject noOffer = second.request(Map.of("route", "/upload-file", "x-stream-key", key));

            assertStatus("4", wrongTotal);
            assertEquals("-1", header(wrongTotal, "x-stream"));
            assertEquals("the stream's total is 200000 bytes; resume it with x-stream: 200000:<buffer>",
                    header(wrongTotal, "error"));
            assertStatus("4", wrongFormat);
            assertEquals("the stream's data-format is bytes", header(wrongFormat, "error"));
            assertStatus("4", noOffer);

            // Without data-format the stream's own applies.
            JsonObject resumed = second.request(Map.of("route", "/upload-file", "x-stream", data.length + ":4096",
                    "x-stream-key", key));
            assertStatus("0", resumed);
            assertEquals("0:4096", header(resumed, "x-stream"));
            assertEquals("bytes", header(resumed, "data-format"));
            assertEquals(BUFFER, offset(resumed));
            second.sendData(data, BUFFER, data.length, 4096);
            assertEquals(sha256(data), second.next().getJsonObject("payload").getString("sha256"));
        }
    }
}
