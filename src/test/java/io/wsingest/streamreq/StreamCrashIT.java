package io.wsingest.streamreq;

import static io.wsingest.streamreq.StreamTestClient.assertStatus;
import static io.wsingest.streamreq.StreamTestClient.header;
import static io.wsingest.streamreq.StreamTestClient.randomBytes;
import static io.wsingest.streamreq.StreamTestClient.sha256;
import static io.wsingest.streamreq.StreamTestClient.uniqueUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.wsingest.testing.KillableServer;
import io.wsingest.testing.TestServer;

/**
 * The server process is killed (SIGKILL) in the middle of a stream and started again: the stream resumes by its key
 * at an offset no earlier than its last checkpoint before the kill, and the stored file is exactly what was sent.
 * The server checkpoints every MiB ({@code wsingest.stream.checkpoint-bytes} in {@code it.jvm.args}).
 */
@Tag("integration")
class StreamCrashIT {

    private static final int MIB = 1 << 20;
    private static final int BUFFER = 65536;

    @Test
    void aStreamResumesFromItsLastCheckpointAfterTheServerIsKilled() throws Exception {
        String user = uniqueUser("kit");
        byte[] data = randomBytes(6 * MIB + 5, 11);
        int sent = 3 * MIB + 200_000;
        String key;
        try (KillableServer killable = KillableServer.prepare("stream-crash")) {
            killable.start();
            TestServer server = killable.server();
            try (StreamTestClient first = StreamTestClient.connect(server.ws("ws/stream", TestServer.token(user)))) {
                JsonObject accepted = first.request(Map.of("route", "/upload-file", "x-stream",
                        data.length + ":" + BUFFER, "data-format", "bytes", "file-name", "crash.bin"));
                key = header(accepted, "x-stream-key");
                first.sendData(data, 0, sent, BUFFER);
                // Packets are handled in order: once this is answered, the data above has arrived and the
                // checkpoints at 1, 2 and 3 MiB were taken.
                assertStatus("0", first.request(Map.of("route", "/files")));
                killable.kill();
            }

            killable.start();
            try (StreamTestClient second = StreamTestClient.connect(server.ws("ws/stream", TestServer.token(user)))) {
                JsonObject resumed = second.request(Map.of("route", "/upload-file", "x-stream",
                        data.length + ":" + BUFFER, "x-stream-key", key, "data-format", "bytes"));
                assertStatus("0", resumed);
                long offset = Long.parseLong(header(resumed, "x-stream-offset"));
                assertTrue(offset >= 3L * MIB && offset <= sent,
                        () -> "resumes at " + offset + ": last checkpoint at " + 3 * MIB + ", sent " + sent);

                second.sendData(data, (int) offset, data.length, BUFFER);
                JsonObject done = second.next();
                assertStatus("0", done);
                assertEquals("0:0", header(done, "x-stream"));
                assertEquals(sha256(data), done.getJsonObject("payload").getString("sha256"));
            }
        }
    }
}
