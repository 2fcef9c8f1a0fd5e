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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.wsingest.cluster.ClusterNodes.ClusterNode;
import io.wsingest.streamreq.StreamTestClient;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;
import io.wsingest.upload.UploadClient;

/**
 * Node 1 is killed (SIGKILL) in the middle of an upload and the client resumes on node 2, which shares the database
 * and the blob store: it offers an offset no earlier than what node 1 reported durable, takes the rest from there,
 * and stores exactly the bytes sent. Protocol A (the project's upload chain) and protocol C (a stream by its key).
 * The next test gets node 1 back ({@link ClusterNodes#running()}).
 */
@Tag("cluster")
class ClusterResumeIT {

    private static final int MIB = 1 << 20;
    /**
     * How long node 2 may take to let the client resume: the dead node's claim on the upload lasts until it expires
     * ({@code wsingest.cluster.lease-seconds}, 6 s in the tests), and each attempt waits up to
     * {@link io.wsingest.testing.WsClient#WAIT} for an answer.
     */
    private static final Duration TAKEOVER = Duration.ofSeconds(50);

    @Test
    void aResumableUploadGoesOnOnNode2AfterNode1IsKilled() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        ClusterNode first = cluster.node1();
        ClusterNode second = cluster.node2();
        String user = Unique.name("kai");
        String project = project(first.http(), user);
        byte[] data = content(6 * MIB, 78);
        long sent = 4L * MIB;
        long reported;

        try (UploadClient client = UploadClient.connect(first.http(), user, "id=" + project)) {
            client.awaitStateInfo();
            client.answer("cluster.bin", (long) data.length, 0);
            assertEquals(0, client.awaitHeartbeat());
            client.sendRange(data, 0, 2 * MIB);
            long heartbeat = client.awaitHeartbeatOf(2 * MIB);
            // These bytes have no heartbeat yet: the crash may lose them, and nothing else.
            client.sendRange(data, 2 * MIB, sent);
            first.kill();
            client.awaitClose();
            reported = Math.max(heartbeat, lastHeartbeat(client));
        }

        Takeover<UploadClient> takeover = awaitTakeover(
                () -> UploadClient.connect(second.http(), user, "id=" + project),
                resumed -> {
                    JsonObject info = resumed.awaitStateInfo();
                    assertTrue(info.getBoolean("IsInitialized"), info::toString);
                    return info;
                });
        try (UploadClient client = takeover.client()) {
            long durable = takeover.offer().getJsonNumber("CurrentFileOffset").longValue();
            assertTrue(durable >= reported && durable <= sent,
                    () -> "node 2 resumes at " + durable + ": node 1 reported " + reported + ", sent " + sent);
            client.answer("cluster.bin", (long) data.length, durable);
            assertEquals(durable, client.awaitHeartbeat());
            client.sendRange(data, durable, data.length);
            client.awaitCompletion(data.length);
        }
        assertEquals(sha256(data), files(second.http(), project, user).getJsonObject(0).getString("sha256"));
    }

    @Test
    void aStreamGoesOnOnNode2AfterNode1IsKilled() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        ClusterNode first = cluster.node1();
        ClusterNode second = cluster.node2();
        String user = Unique.name("kit");
        byte[] data = StreamTestClient.randomBytes(6 * MIB + 5, 12);
        int buffer = 65536;
        int sent = 3 * MIB + 200_000;
        String stream = data.length + ":" + buffer;
        String key;

        try (StreamTestClient client = StreamTestClient.connect(first.http().ws("ws/stream", TestServer.token(user)))) {
            JsonObject accepted = client.request(Map.of("route", "/upload-file", "x-stream", stream,
                    "data-format", "bytes", "file-name", "cluster.bin"));
            key = header(accepted, "x-stream-key");
            client.sendData(data, 0, sent, buffer);
            // Packets are handled in order: once this is answered, the data above has arrived and the checkpoints
            // at 1, 2 and 3 MiB (wsingest.stream.checkpoint-bytes in it.jvm.args) were taken.
            assertStatus("0", client.request(Map.of("route", "/files")));
            first.kill();
        }

        Takeover<StreamTestClient> takeover = awaitTakeover(
                () -> StreamTestClient.connect(second.http().ws("ws/stream", TestServer.token(user))),
                resumed -> {
                    JsonObject answer = resumed.request(Map.of("route", "/upload-file", "x-stream", stream,
                            "x-stream-key", key, "data-format", "bytes"));
                    assertStatus("0", answer);
                    return answer;
                });
        try (StreamTestClient client = takeover.client()) {
            long offset = Long.parseLong(header(takeover.offer(), "x-stream-offset"));
            assertTrue(offset >= 3L * MIB && offset <= sent,
                    () -> "node 2 resumes at " + offset + ": last checkpoint at " + 3 * MIB + ", sent " + sent);
            client.sendData(data, (int) offset, data.length, buffer);
            JsonObject done = client.next();
            assertStatus("0", done);
            assertEquals("0:0", header(done, "x-stream"));
            assertEquals(StreamTestClient.sha256(data), done.getJsonObject("payload").getString("sha256"));
        }
    }

    /** The last heartbeat among the messages that arrived before the close, or 0. */
    private static long lastHeartbeat(UploadClient client) throws InterruptedException {
        long last = 0;
        Object message;
        while ((message = client.ws().poll(Duration.ZERO)) != null) {
            if (message instanceof String text && text.matches("\\d+")) {
                last = Math.max(last, Long.parseLong(text));
            }
        }
        return last;
    }

    /** What a client awaits of the surviving node: its offer to resume, which the check asserts. */
    private interface Offer<T> {
        JsonObject await(T client) throws Exception;
    }

    /** A client the surviving node let resume, and its offer. */
    private record Takeover<T>(T client, JsonObject offer) {
    }

    /**
     * Connects to the surviving node until it offers to resume (the offer passes its assertions) or {@link #TAKEOVER}
     * has passed; a refused attempt's connection is closed, and the last refusal is what the test reports.
     */
    private static <T extends AutoCloseable> Takeover<T> awaitTakeover(Callable<T> connect, Offer<T> offer)
            throws Exception {
        Instant deadline = Instant.now().plus(TAKEOVER);
        while (true) {
            T client = connect.call();
            try {
                return new Takeover<>(client, offer.await(client));
            } catch (AssertionError refused) {
                client.close();
                if (Instant.now().isAfter(deadline)) {
                    throw refused;
                }
            }
        }
    }
}
