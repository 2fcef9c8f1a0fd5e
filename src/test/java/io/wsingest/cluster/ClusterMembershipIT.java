package io.wsingest.cluster;

import static io.wsingest.upload.UploadFixtures.project;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.wsingest.cluster.ClusterNodes.ClusterNode;
import io.wsingest.galileo.GalileoClient;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;
import io.wsingest.testing.WsClient;
import io.wsingest.upload.UploadClient;

/**
 * A member removed on one node loses their upload connections into the project on the other node too: the removal
 * travels over the clustered topic.
 */
@Tag("cluster")
class ClusterMembershipIT {

    @Test
    void removingAMemberOnNode1EndsTheirConnectionsOnNode2() throws Exception {
        ClusterNodes cluster = ClusterNodes.running();
        ClusterNode first = cluster.node1();
        ClusterNode second = cluster.node2();
        String user = Unique.name("moe");
        String project = project(first.http(), user);
        byte[] data = new byte[200_000];
        try (UploadClient a = UploadClient.connect(second.http(), user, "id=" + project);
             GalileoClient b = new GalileoClient(WsClient.connect(second.http().ws("ws/galileo?project=" + project,
                     TestServer.token(user))))) {
            a.awaitStateInfo();
            a.answer("leak.bin", (long) data.length, 0);
            assertEquals(0, a.awaitHeartbeat());
            a.sendRange(data, 0, 50_000);
            a.awaitHeartbeatOf(50_000);
            b.sendMetadata("leak.bin", data.length);
            b.awaitReady();

            assertEquals(204, first.http().delete("api/projects/" + project + "/members/" + user,
                    TestServer.adminToken("root")).statusCode());

            a.assertClosedWith(1001, "Project does not exist or user does not have access to it");
            assertEquals("Forbidden: the project does not exist or you may not upload to it",
                    b.awaitSignal().getString("error"));
        }
    }
}
