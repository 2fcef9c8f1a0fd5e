package io.wsingest.live;

import static io.wsingest.live.LiveClients.assertClosed;
import static io.wsingest.live.LiveClients.assertRefused;
import static io.wsingest.live.LiveClients.channel;
import static io.wsingest.live.LiveClients.connect;
import static io.wsingest.live.LiveClients.nextText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
 * Heartbeats, the idle timeout and the receive whitelist, with short timings (heartbeat every second, idle after
 * three) and a whitelist the test client (on loopback) is not on.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class LiveConnectionPolicyIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings(
                LiveSettings.HEARTBEAT_SECONDS + "=1",
                LiveSettings.IDLE_TIMEOUT_SECONDS + "=3",
                LiveSettings.RECEIVE_WHITELIST + "=10.0.0.0/8,fd00::/8");
    }

    @ArquillianResource
    URL url;

    private TestServer server() {
        return new TestServer(url);
    }

    @Test
    void serverSendsHeartbeats() throws Exception {
        try (WsClient publisher = connect(server(), channel("beat"), "k", "publish")) {
            assertEquals("h", publisher.awaitText());
            publisher.sendText("h");
            assertEquals("h", publisher.awaitText());
        }
    }

    @Test
    void silentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (WsClient publisher = connect(server(), channel("idle"), "k", "publish")) {
            assertEquals(LiveClose.IDLE_TIMEOUT.errorMessage(), nextText(publisher));
            assertClosed(publisher, LiveClose.IDLE_TIMEOUT);
        }
    }

    @Test
    void clientHeartbeatsKeepTheConnectionOpen() throws Exception {
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        try (WsClient publisher = connect(server(), channel("alive"), "k", "publish")) {
            beats.scheduleAtFixedRate(() -> {
                try {
                    publisher.sendText("h");
                } catch (IOException | IllegalStateException e) {
                    // closed: the assertions below say so
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
            // Five server heartbeats take about five seconds, more than the idle timeout.
            for (int i = 0; i < 5; i++) {
                assertEquals("h", publisher.awaitText(), "heartbeat " + i);
            }
            assertTrue(publisher.isOpen());
        } finally {
            beats.shutdownNow();
        }
    }

    @Test
    void receiversOutsideTheWhitelistAreRefused() throws Exception {
        String ch = channel("white");
        try (WsClient receiver = connect(server(), ch, "k", "receive")) {
            assertRefused(receiver, LiveClose.NOT_ALLOWED_TO_RECEIVE);
        }
        try (WsClient probe = connect(server(), ch, "k", "probe")) {
            assertRefused(probe, LiveClose.NOT_ALLOWED_TO_RECEIVE);
        }
        try (WsClient publisher = connect(server(), ch, "k", "publish")) {
            assertEquals("h", publisher.awaitText(), "publishing is not restricted");
        }
    }
}
