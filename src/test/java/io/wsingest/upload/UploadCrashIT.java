package io.wsingest.upload;

import static io.wsingest.upload.UploadFixtures.content;
import static io.wsingest.upload.UploadFixtures.files;
import static io.wsingest.upload.UploadFixtures.project;
import static io.wsingest.upload.UploadFixtures.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.wsingest.testing.KillableServer;
import io.wsingest.testing.TestServer;

/**
 * The server process is killed (SIGKILL: no shutdown hook, no last fsync, no close frame) in the middle of an upload
 * and started again. No byte a heartbeat reported is lost: the upload resumes at an offset at least that far, the
 * bytes sent after the last heartbeat are sent again from there, and the stored file is exactly what was sent.
 */
@Tag("integration")
class UploadCrashIT {

    private static final int MIB = 1024 * 1024;

    @Test
    void noReportedByteIsLostWhenTheServerIsKilledMidUpload() throws Exception {
        try (KillableServer killable = KillableServer.prepare("upload-crash")) {
            killable.start();
            TestServer server = killable.server();
            String project = project(server, "kai");
            byte[] data = content(6 * MIB, 77);
            long reported;
            long sent = 4L * MIB;

            try (UploadClient client = UploadClient.connect(server, "kai", "id=" + project)) {
                client.awaitStateInfo();
                client.answer("crash.bin", (long) data.length, 0);
                assertEquals(0, client.awaitHeartbeat());
                client.sendRange(data, 0, 2 * MIB);
                reported = client.awaitHeartbeatOf(2 * MIB);
                // These bytes have no heartbeat yet: the crash may lose them, and nothing else.
                client.sendRange(data, 2 * MIB, sent);
                killable.kill();
                client.awaitClose();
            }

            killable.start();
            try (UploadClient client = UploadClient.connect(server, "kai", "id=" + project)) {
                JsonObject info = client.awaitStateInfo();
                assertTrue(info.getBoolean("IsInitialized"), info::toString);
                long durable = info.getJsonNumber("CurrentFileOffset").longValue();
                assertTrue(durable >= reported && durable <= sent,
                        () -> "resumes at " + durable + ": reported " + reported + ", sent " + sent);
                client.answer("crash.bin", (long) data.length, durable);
                assertEquals(durable, client.awaitHeartbeat());
                client.sendRange(data, durable, data.length);
                client.awaitCompletion(data.length);
            }
            assertEquals(sha256(data), files(server, project, "kai").getJsonObject(0).getString("sha256"));
        }
    }
}
