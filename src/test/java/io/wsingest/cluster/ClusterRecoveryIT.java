package io.wsingest.cluster;

import static io.wsingest.uploadapi.UploadApiClient.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.wsingest.cluster.ClusterNodes.ClusterNode;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TextPages;
import io.wsingest.testing.Unique;
import io.wsingest.uploadapi.UploadApiClient;

/**
 * Protocol D recovery across nodes: a portal whose socket on node 1 dropped reconnects to node 2 and gets, from the
 * shared history, the events node 1 published meanwhile, exactly as a socket that stayed on node 1 heard them live
 * (but for streamed_text growth, coalesced in the history).
 */
@Tag("cluster")
class ClusterRecoveryIT {

    @Test
    void aSocketOnNode2RecoversTheEventsMadeOnNode1() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        ClusterNode node1 = cluster.node1();
        ClusterNode node2 = cluster.node2();
        String user = Unique.name("cluster-recovery");
        byte[] page = TestImages.encode(TextPages.page(TextPages.THREE_PARAGRAPHS.subList(0, 2), System.nanoTime()),
                "png");
        try (UploadApiClient author = connect(node1, user); UploadApiClient witness = connect(node1, user)) {
            JsonObject left;
            try (UploadApiClient portal = connect(node1, user)) {
                left = portal.subscribe();
            }
            String id = author.create(page).getJsonObject("instance").getString("id");
            assertEquals("processed", author.finalStatus(id).getString("status"));
            author.command("{\"type\":\"update\",\"instance_id\":\"" + id
                    + "\",\"data\":{\"processed_text\":\"corrected\"}}", "Upload.updated");
            author.command("{\"type\":\"delete\",\"instance_id\":\"" + id + "\"}", "Upload.deleted");
            List<JsonObject> heardOnNode1 = witness.eventsUntilDeleted();

            try (UploadApiClient portal = connect(node2, user)) {
                UploadApiClient.Subscription caughtUp = portal.subscribe(seq(left), left.getString("epoch"));
                assertTrue(caughtUp.recovered(), caughtUp.reply()::toString);
                assertEquals(left.getString("epoch"), caughtUp.reply().getString("epoch"));
                assertEquals(UploadApiClient.asSent(UploadApiClient.asKeptInHistory(heardOnNode1)),
                        caughtUp.replayedAsSent(),
                        "node 2 replays what node 1's socket heard live");
                assertEquals(seq(heardOnNode1.get(heardOnNode1.size() - 1)), seq(caughtUp.reply()));
            }
        }
    }

    private static UploadApiClient connect(ClusterNode node, String user) throws Exception {
        return UploadApiClient.connect(node.http(), "ws/core/upload/", user);
    }
}
