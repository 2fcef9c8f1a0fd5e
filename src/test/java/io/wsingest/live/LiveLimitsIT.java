package io.wsingest.live;

import static io.wsingest.live.LiveClients.assertRefused;
import static io.wsingest.live.LiveClients.channel;
import static io.wsingest.live.LiveClients.chunk;
import static io.wsingest.live.LiveClients.connect;
import static io.wsingest.live.LiveClients.nextChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

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

/**
 * The per-address connection limit: the server must know the client's address (127.0.0.1 here) from the handshake,
 * or nothing would be counted.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class LiveLimitsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings(LiveSettings.MAX_CONNECTIONS_PER_IP + "=2");
    }

    @ArquillianResource
    URL url;

    @Test
    void aThirdConnectionFromTheSameAddressIsRefusedUntilOneCloses() throws Exception {
        TestServer server = new TestServer(url);
        String ch = channel("limit");
        try (WsClient publisher = connect(server, ch, "k", "publish")) {
            WsClient receiver = connect(server, ch, "k", "receive");
            publisher.sendBinary(chunk("counted"));
            assertEquals("counted", nextChunk(receiver), "both connections are open on the server");

            try (WsClient third = connect(server, channel("other"), "k", "publish")) {
                assertRefused(third, LiveClose.TOO_MANY_CONNECTIONS);
            }

            receiver.close();
            // The server counts the close when it processes it: try until the place is free again.
            String got = null;
            for (int attempt = 0; got == null && attempt < 100; attempt++) {
                try (WsClient again = connect(server, ch, "k", "receive")) {
                    Object first = again.poll(WsClient.WAIT);
                    if (first instanceof ByteBuffer data) {
                        got = StandardCharsets.UTF_8.decode(data).toString();
                    } else {
                        assertEquals(LiveClose.TOO_MANY_CONNECTIONS.errorMessage(), first);
                        again.awaitClose();
                    }
                }
            }
            assertEquals("counted", got, "a closed connection gives its place back; the newcomer gets the cache");
        }
    }
}
