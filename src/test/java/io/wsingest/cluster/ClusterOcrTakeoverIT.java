package io.wsingest.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.wsingest.cluster.ClusterNodes.ClusterNode;
import io.wsingest.testing.TestPdfs;
import io.wsingest.testing.TextPages;
import io.wsingest.testing.Unique;
import io.wsingest.uploadapi.UploadApiClient;

/**
 * Node 1 is killed (SIGKILL) while it reads an upload's PDF; node 2, which shares the database and the store, takes
 * the OCR job over once node 1's lease has run out, runs it from the beginning and finishes it. A socket of the user
 * on node 2 sees node 1's first line, then the job start again, and finally the whole text.
 */
@Tag("cluster")
class ClusterOcrTakeoverIT {

    @Test
    void theJobOfAKilledNodeIsFinishedByTheOther() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        ClusterNode first = cluster.node1();
        ClusterNode second = cluster.node2();
        String user = Unique.name("oda");
        // Four pages: the job runs for several seconds, long enough to be killed in the middle.
        List<String> paragraphs = Collections.nCopies(4, TextPages.THREE_PARAGRAPHS).stream()
                .flatMap(List::stream).toList();
        byte[] pdf = TestPdfs.typeset(Collections.nCopies(4, TextPages.THREE_PARAGRAPHS));

        try (UploadApiClient watcher = UploadApiClient.connect(second.http(), "ws/core/upload/", user)) {
            watcher.command("{\"type\":\"subscribe\"}", "subscribed");
            String id;
            try (UploadApiClient creator = UploadApiClient.connect(first.http(), "ws/core/upload/", user)) {
                id = creator.create(pdf).getJsonObject("instance").getString("id");
            }
            awaitFirstLine(watcher, id);
            first.kill();

            List<JsonObject> afterKill = watcher.statusUntilFinal(id);
            JsonObject last = afterKill.get(afterKill.size() - 1);
            assertEquals("processed", last.getString("status"), last::toString);
            assertTrue(afterKill.stream().anyMatch(e -> "processing".equals(e.getString("status"))
                    && e.getString("streamed_text").isEmpty()), () -> "the job started again: " + afterKill);
            String raw = last.getString("raw_text");
            double cer = TextPages.characterErrorRate(TextPages.asText(paragraphs), raw);
            assertTrue(cer < 0.02, () -> "character error rate " + cer + ": " + raw);
        }
    }

    /** Skips the watcher's events until node 1's job reports the upload's first line of text. */
    private static void awaitFirstLine(UploadApiClient watcher, String id) throws Exception {
        List<JsonObject> seen = new ArrayList<>();
        while (true) {
            JsonObject event = watcher.next();
            seen.add(event);
            if ("Upload.status".equals(event.getString("type")) && id.equals(event.getString("id", null))) {
                assertEquals("processing", event.getString("status"), () -> "before the kill: " + seen);
                if (!event.getString("streamed_text").isEmpty()) {
                    return;
                }
            }
        }
    }
}
