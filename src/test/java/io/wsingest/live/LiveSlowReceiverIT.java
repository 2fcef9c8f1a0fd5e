package io.wsingest.live;

import static io.wsingest.live.LiveClients.channel;
import static io.wsingest.live.LiveClients.connect;
import static io.wsingest.live.LiveClients.nextBinary;
import static io.wsingest.live.LiveClients.numbered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;

import jakarta.websocket.CloseReason;

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
 * A receiver that stops reading is cut off with {@code ERROR: Receiver too slow}, while the publisher goes on and a
 * normal receiver gets every chunk. The receiver queue is small here (4 MiB), so the stalled receiver's TCP buffers
 * plus its queue fill after some megabytes. It is still 64 chunks, far more than the 9 the good receiver ever lags:
 * the publisher sends as fast as loopback goes, and the server counts a chunk as waiting until its send completes,
 * which on a busy machine can come some tens of milliseconds after the bytes left.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class LiveSlowReceiverIT {

    private static final int CHUNK = 64 * 1024;
    /** Far more than loopback's socket buffers and the queue can hold; the test stops once the cut is seen. */
    private static final int MAX_CHUNKS = 3200;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings(
                LiveSettings.RECEIVER_QUEUE_BYTES + "=4MiB",
                LiveSettings.MAX_CHUNK_BYTES + "=256KiB",
                LiveSettings.GOP_CACHE_BYTES + "=1MiB");
    }

    @ArquillianResource
    URL url;

    @Test
    void stalledReceiverIsCutOffWhileTheOthersGetEveryChunk() throws Exception {
        TestServer server = new TestServer(url);
        String ch = channel("slow");
        StalledReceiver stalled = null;
        try (WsClient good = connect(server, ch, "k", "receive");
             WsClient publisher = connect(server, ch, "k", "publish")) {
            stalled = StalledReceiver.connect(server, ch, "k");
            publisher.sendBinary(numbered(0, CHUNK));
            assertEquals(0, nextBinary(good).getInt());
            assertTrue(stalled.awaitStalled(), "the stalled receiver got its first chunk");

            int sent = StalledReceiver.floodUntilCutOff(publisher, List.of(good), CHUNK, MAX_CHUNKS,
                    () -> LiveClients.listing(server).getJsonObject("figures")
                            .getJsonNumber("receiversDroppedTooSlow").longValue() >= 1);
            assertEquals(1, LiveClients.channelState(server, ch).getInt("receivers"), "the stalled one left");

            stalled.release();
            CloseReason reason = stalled.awaitClose();
            assertEquals(LiveClose.RECEIVER_TOO_SLOW.code(), reason.getCloseCode().getCode());
            assertEquals(LiveClose.RECEIVER_TOO_SLOW.reason(), reason.getReasonPhrase());
            assertEquals(List.of("ERROR: Receiver too slow"), stalled.texts());
            assertTrue(stalled.messageCount() - 1 < sent, "it got only part of the stream");
            stalled.closeIfOpen();
        } finally {
            if (stalled != null) {
                stalled.release();
            }
        }
    }
}
