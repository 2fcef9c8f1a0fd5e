package io.wsingest.cluster;

import static io.wsingest.streamreq.StreamTestClient.assertStatus;
import static io.wsingest.upload.UploadFixtures.content;
import static io.wsingest.upload.UploadFixtures.files;
import static io.wsingest.upload.UploadFixtures.project;
import static io.wsingest.upload.UploadFixtures.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * The clean-up of resumable uploads runs on every node ({@code wsingest.storage.cleanup-interval-seconds}, 2 s in the
 * cluster suite), at the same moments or not, and that is safe: every protocol A chain and protocol C stream past its
 * restore window or key lifetime is expired by exactly one of the two nodes, and an upload whose connection is on a
 * node is left alone however old its last recorded activity, because that node holds its lease.
 */
@Tag("cluster")
class ClusterTimersIT {

    private static final int MIB = 1 << 20;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void eachExpiredUploadIsExpiredOnceAndAHeldOneNotAtAll() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        List<ClusterNode> nodes = List.of(cluster.node1(), cluster.node2());
        String user = Unique.name("tim");
        List<String> interrupted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ClusterNode node = nodes.get(i % 2);
            String project = project(node.http(), user);
            try (UploadClient client = UploadClient.connect(node.http(), user, "id=" + project)) {
                client.awaitStateInfo();
                client.answer("old.bin", 1_000_000L, 0);
                assertEquals(0, client.awaitHeartbeat());
                client.sendRange(new byte[100_000], 0, 100_000);
                client.awaitHeartbeatOf(100_000);
            }
            interrupted.add(project);
        }
        for (int i = 0; i < 2; i++) {
            ClusterNode node = nodes.get(i % 2);
            try (StreamTestClient client = StreamTestClient.connect(node.http().ws("ws/stream",
                    TestServer.token(user)))) {
                JsonObject accepted = client.request(Map.of("route", "/upload-file", "x-stream", 2 * MIB + ":65536",
                        "data-format", "bytes", "file-name", "old.bin"));
                assertStatus("0", accepted);
                client.sendData(new byte[MIB + 10], 0, MIB + 10, 65536);
                assertStatus("0", client.request(Map.of("route", "/files")));
            }
        }
        String held = project(cluster.node2().http(), user);
        byte[] data = content(400_000, 5);
        try (UploadClient live = UploadClient.connect(cluster.node2().http(), user, "id=" + held)) {
            live.awaitStateInfo();
            live.answer("live.bin", (long) data.length, 0);
            assertEquals(0, live.awaitHeartbeat());
            live.sendRange(data, 0, 100_000);
            live.awaitHeartbeatOf(100_000);

            // Two days without recorded activity: past the restore window and the key lifetime (one day each).
            ageEverythingOf(user);
            for (String project : interrupted) {
                awaitState(cluster.node1().http(), project, user, "EXPIRED");
            }
            awaitStreamsExpired(nodes, user, 2);
            // The cleaners ran since the ageing; the live upload's record is as old, but node 2 holds it. (The HTTP API
            // would call it expired by its age; only a record the cleaner expired is refused on completion.)
            assertEquals("IN_PROGRESS", stateInDatabase(held));
            live.sendRange(data, 100_000, data.length);
            live.awaitCompletion(data.length);
        }
        assertEquals(sha256(data), files(cluster.node1().http(), held, user).getJsonObject(0).getString("sha256"));
        for (String project : interrupted) {
            assertEquals(1, logLines(nodes, "of project " + project + " by " + user + " expired"),
                    "upload of " + project + " expired by exactly one node");
        }
        assertEquals(2, logLines(nodes, "Stream expired (user " + user + ","), "each stream expired once");
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(System.getProperty("pg.url"), System.getProperty("pg.user"),
                System.getProperty("pg.password"));
    }

    private static String stateInDatabase(String project) throws Exception {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("select state from upload_sessions where project_id = ?")) {
            query.setString(1, project);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "no chain for " + project);
                return row.getString(1);
            }
        }
    }

    private static void ageEverythingOf(String user) throws Exception {
        try (Connection db = database();
             PreparedStatement chains = db.prepareStatement("update upload_sessions"
                     + " set updated_at = updated_at - interval '2 days' where user_id = ?");
             PreparedStatement streams = db.prepareStatement("update stream_sessions"
                     + " set active_at = active_at - interval '2 days' where owner_id = ?")) {
            chains.setString(1, user);
            assertEquals(5, chains.executeUpdate(), "four interrupted uploads and the live one");
            streams.setString(1, user);
            assertEquals(2, streams.executeUpdate());
        }
    }

    private static String state(TestServer server, String project, String user) throws Exception {
        var response = server.get("api/projects/" + project + "/upload", TestServer.token(user));
        assertEquals(200, response.statusCode(), response.body());
        return Json.object(response.body()).getString("state");
    }

    private static void awaitState(TestServer server, String project, String user, String expected)
            throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!expected.equals(state(server, project, user))) {
            assertTrue(Instant.now().isBefore(deadline), () -> project + " did not become " + expected);
            Thread.sleep(200);
        }
    }

    private static void awaitStreamsExpired(List<ClusterNode> nodes, String user, int streams) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (logLines(nodes, "Stream expired (user " + user + ",") < streams) {
            assertTrue(Instant.now().isBefore(deadline), "the streams did not expire");
            Thread.sleep(200);
        }
    }

    /** Lines of both nodes' logs that contain the text. */
    private static long logLines(List<ClusterNode> nodes, String text) throws Exception {
        long count = 0;
        for (ClusterNode node : nodes) {
            try (var lines = Files.lines(node.server().log())) {
                count += lines.filter(line -> line.contains(text)).count();
            }
        }
        return count;
    }
}
