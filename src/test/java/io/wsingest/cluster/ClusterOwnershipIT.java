package io.wsingest.cluster;

import static io.wsingest.streamreq.StreamTestClient.assertStatus;
import static io.wsingest.streamreq.StreamTestClient.header;
import static io.wsingest.upload.UploadFixtures.content;
import static io.wsingest.upload.UploadFixtures.files;
import static io.wsingest.upload.UploadFixtures.project;
import static io.wsingest.upload.UploadFixtures.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.wsingest.cluster.ClusterNodes.ClusterNode;
import io.wsingest.streamreq.StreamTestClient;
import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;
import io.wsingest.upload.UploadClient;

/**
 * Two connections on two nodes for one upload chain (protocol A) or one stream key (protocol C): exactly one owns it
 * at a time. The first keeps sending its own content slowly while the second, on the other node, takes the upload
 * over and sends different content from the offset it was told. Had both written the shared spool file at once, the
 * first one's bytes would turn up past that offset; the stored file must be the first content up to the offset and
 * the second's after it, and the first connection must be refused as the protocol says.
 */
@Tag("cluster")
class ClusterOwnershipIT {

    private static final int MIB = 1 << 20;
    private static final int SLICE = 16 * 1024;
    /** Pacing of the first connection: slow enough to be still sending when the handover happens. */
    private static final long SLICE_PAUSE_MILLIS = 25;

    @Test
    void aChainHasOneWriterAcrossNodes() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        ClusterNode first = cluster.node1();
        ClusterNode second = cluster.node2();
        String user = Unique.name("uma");
        String project = project(first.http(), user);
        byte[] firstContent = content(12 * MIB, 31);
        byte[] secondContent = content(12 * MIB, 32);
        long offset;

        try (UploadClient tab1 = UploadClient.connect(first.http(), user, "id=" + project)) {
            tab1.awaitStateInfo();
            tab1.answer("owner.bin", (long) firstContent.length, 0);
            assertEquals(0, tab1.awaitHeartbeat());
            tab1.sendRange(firstContent, 0, MIB);
            long reported = tab1.awaitHeartbeatOf(MIB);
            AtomicLong sentByTab1 = new AtomicLong(MIB);
            Thread trickle = new Thread(() -> trickle(tab1, firstContent, sentByTab1), "tab1-trickle");
            trickle.start();

            try (UploadClient tab2 = UploadClient.connect(second.http(), user, "id=" + project)) {
                offset = tab2.awaitStateInfo().getJsonNumber("CurrentFileOffset").longValue();
                assertTrue(offset >= reported, () -> "offered " + offset + ", node 1 reported " + reported);
                tab2.answer("owner.bin", (long) secondContent.length, offset);
                // The answer stands once node 1 has let go: tab 1 was still sending then.
                assertEquals(offset, tab2.awaitHeartbeat());
                assertTrue(sentByTab1.get() < firstContent.length, "tab 1 finished before the handover");
                tab2.sendRange(secondContent, offset, secondContent.length);
                tab2.awaitCompletion(secondContent.length);
            }
            trickle.join();
            tab1.assertClosedWith(1008, "Upload reconnected during receiving data from last websocket");
        }
        byte[] expected = Arrays.copyOf(firstContent, secondContent.length);
        System.arraycopy(secondContent, (int) offset, expected, (int) offset, secondContent.length - (int) offset);
        assertEquals(sha256(expected), files(second.http(), project, user).getJsonObject(0).getString("sha256"),
                "the stored file is tab 1's content up to the offset and tab 2's after it");
    }

    @Test
    void aStreamHasOneWriterAcrossNodes() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        ClusterNode first = cluster.node1();
        ClusterNode second = cluster.node2();
        String user = Unique.name("ulf");
        byte[] firstContent = StreamTestClient.randomBytes(12 * MIB, 41);
        byte[] secondContent = StreamTestClient.randomBytes(12 * MIB, 42);
        int buffer = 65536;
        String stream = firstContent.length + ":" + buffer;
        long offset;

        try (StreamTestClient one = StreamTestClient.connect(first.http().ws("ws/stream", TestServer.token(user)))) {
            JsonObject accepted = one.request(Map.of("route", "/upload-file", "x-stream", stream,
                    "data-format", "bytes", "file-name", "owner.bin"));
            String key = header(accepted, "x-stream-key");
            one.sendData(firstContent, 0, MIB, buffer);
            AtomicLong sentByOne = new AtomicLong(MIB);
            AtomicReference<Object> answer = new AtomicReference<>();
            Thread trickle = new Thread(() -> trickle(one, firstContent, sentByOne, buffer, answer), "one-trickle");
            trickle.start();

            try (StreamTestClient two = StreamTestClient.connect(second.http().ws("ws/stream",
                    TestServer.token(user)))) {
                JsonObject resumed = two.request(Map.of("route", "/upload-file", "x-stream", stream,
                        "x-stream-key", key, "data-format", "bytes"));
                assertStatus("0", resumed);
                offset = Long.parseLong(header(resumed, "x-stream-offset"));
                assertTrue(sentByOne.get() < firstContent.length, "the first connection finished before the handover");
                assertTrue(offset >= MIB, () -> "resumed at " + offset + ", below the first checkpoint");
                two.sendData(secondContent, (int) offset, secondContent.length, buffer);
                JsonObject done = two.next();
                assertStatus("0", done);
                byte[] expected = Arrays.copyOf(firstContent, firstContent.length);
                System.arraycopy(secondContent, (int) offset, expected, (int) offset,
                        secondContent.length - (int) offset);
                assertEquals(StreamTestClient.sha256(expected), done.getJsonObject("payload").getString("sha256"),
                        "the stored file is the first connection's content up to the offset and the second's after");
            }
            trickle.join();
            assertTrue(answer.get() instanceof String, () -> "the first connection was answered " + answer.get());
            JsonObject refused = Json.object((String) answer.get());
            assertStatus("8", refused);
            assertEquals("the stream was resumed on another connection", refused.getJsonObject("headers")
                    .getString("error", refused.toString()), refused::toString);
        }
    }

    /** Sends the rest of the content a slice at a time until the connection refuses more. */
    private static void trickle(UploadClient client, byte[] content, AtomicLong sent) {
        try {
            while (sent.get() < content.length) {
                long from = sent.get();
                int length = (int) Math.min(SLICE, content.length - from);
                client.send(from, content, (int) from, length);
                sent.addAndGet(length);
                Thread.sleep(SLICE_PAUSE_MILLIS);
            }
        } catch (Exception closed) {
            // Refused: the connection was closed after the handover.
        }
    }

    /** Sends the rest of the stream a slice at a time until the server answers; keeps the answer. */
    private static void trickle(StreamTestClient client, byte[] content, AtomicLong sent, int buffer,
                                AtomicReference<Object> answer) {
        try {
            while (sent.get() < content.length) {
                int from = (int) sent.get();
                int to = Math.min(from + SLICE, content.length);
                client.sendData(content, from, to, buffer);
                sent.set(to);
                Object message = client.ws().poll(Duration.ofMillis(SLICE_PAUSE_MILLIS));
                if (message != null) {
                    answer.set(message);
                    return;
                }
            }
        } catch (Exception failed) {
            answer.set(failed);
        }
    }
}
