package io.wsingest.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;

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

/** Events go through the real topic and message-driven bean to the sessions of their user, and no one else's. */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventRoutingIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application().addClass(EventProbeEndpoint.class);
    }

    @ArquillianResource
    URL url;

    private WsClient connect(String user, String query) throws Exception {
        TestServer server = new TestServer(url);
        WsClient client = WsClient.connect(server.ws("test/events" + query, TestServer.token(user)));
        assertEquals("hello " + user, client.awaitText());
        return client;
    }

    @Test
    void deliversAnEventToEverySessionOfItsUserOnly() throws Exception {
        String alice = "alice-" + System.nanoTime();
        String bob = "bob-" + System.nanoTime();
        try (WsClient aliceTab1 = connect(alice, "");
             WsClient aliceTab2 = connect(alice, "");
             WsClient bobTab = connect(bob, "")) {

            // The first event of each user is the first of their stream.
            aliceTab1.sendText("publish|" + alice + "|u1|{\"type\":\"Upload.created\",\"n\":1}");
            assertEquals("{\"type\":\"Upload.created\",\"n\":1,\"seq\":1}", aliceTab1.awaitText());
            assertEquals("{\"type\":\"Upload.created\",\"n\":1,\"seq\":1}", aliceTab2.awaitText());

            // Had bob's session been handed alice's event, it would be queued before bob's own.
            aliceTab1.sendText("publish|" + bob + "|u9|{\"type\":\"Upload.created\",\"n\":2}");
            assertEquals("{\"type\":\"Upload.created\",\"n\":2,\"seq\":1}", bobTab.awaitText());
        }
    }

    @Test
    void perUploadSessionReceivesOnlyItsUpload() throws Exception {
        String carol = "carol-" + System.nanoTime();
        try (WsClient all = connect(carol, "");
             WsClient onlyU2 = connect(carol, "?upload=u2")) {

            all.sendText("publish|" + carol + "|u1|{\"n\":\"first\"}");
            assertEquals("{\"n\":\"first\",\"seq\":1}", all.awaitText());
            all.sendText("publish|" + carol + "|u2|{\"n\":\"second\"}");
            assertEquals("{\"n\":\"second\",\"seq\":2}", all.awaitText());

            assertEquals("{\"n\":\"second\",\"seq\":2}", onlyU2.awaitText());
        }
    }
}
