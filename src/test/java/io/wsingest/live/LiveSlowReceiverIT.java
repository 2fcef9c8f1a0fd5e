package io.wsingest.live;

import static io.wsingest.live.LiveClients.channel;
import static io.wsingest.live.LiveClients.connect;
import static io.wsingest.live.LiveClients.nextBinary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.glassfish.tyrus.client.ClientManager;
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

    /** A receiver on a client of its own whose message handler blocks on its first chunk until released. */
    private static final class StalledReceiver extends Endpoint {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxBinaryMessageBufferSize(1 << 20);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                messages.add(data.remaining());
                entered.countDown();
                try {
                    release.await(); // the TCP window fills while this thread reads nothing
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) messages::add);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }

    private static ByteBuffer chunk(int index) {
        ByteBuffer data = ByteBuffer.allocate(CHUNK);
        data.putInt(index);
        while (data.hasRemaining()) {
            data.put((byte) index);
        }
        return data.flip();
    }

    @Test
    void stalledReceiverIsCutOffWhileTheOthersGetEveryChunk() throws Exception {
        TestServer server = new TestServer(url);
        String ch = channel("slow");
        ClientManager ownClient = ClientManager.createClient(); // its blocked thread must not hold up the others
        StalledReceiver stalled = new StalledReceiver();
        try (WsClient good = connect(server, ch, "k", "receive");
             WsClient publisher = connect(server, ch, "k", "publish")) {
            Session stalledSession = ownClient.connectToServer(stalled, ClientEndpointConfig.Builder.create().build(),
                    server.ws(ch + "/k/receive"));
            publisher.sendBinary(chunk(0));
            assertEquals(0, nextBinary(good).getInt());
            assertTrue(stalled.entered.await(20, TimeUnit.SECONDS), "the stalled receiver got its first chunk");

            int sent = 1;
            int received = 1;
            boolean cut = false;
            while (!cut && sent < MAX_CHUNKS) {
                publisher.sendBinary(chunk(sent++));
                // Read the good receiver along, so that only the stalled one can fall behind.
                while (sent - received > 8) {
                    assertEquals(received, nextBinary(good).getInt(), "in order, none lost");
                    received++;
                }
                if (sent % 32 == 0) {
                    cut = LiveClients.listing(server).getJsonObject("figures")
                            .getJsonNumber("receiversDroppedTooSlow").longValue() >= 1;
                }
            }
            assertTrue(cut, "cut off after " + sent + " chunks of " + CHUNK + " bytes");
            assertEquals(1, LiveClients.channelState(server, ch).getInt("receivers"), "the stalled one left");

            for (int i = 0; i < 32; i++) {
                publisher.sendBinary(chunk(sent++));
            }
            while (received < sent) {
                assertEquals(received, nextBinary(good).getInt(), "the good receiver still gets every chunk");
                received++;
            }

            stalled.release.countDown();
            CloseReason reason = stalled.closed.get(20, TimeUnit.SECONDS);
            assertEquals(LiveClose.RECEIVER_TOO_SLOW.code(), reason.getCloseCode().getCode());
            assertEquals(LiveClose.RECEIVER_TOO_SLOW.reason(), reason.getReasonPhrase());
            List<Object> texts = new ArrayList<>();
            for (Object message : stalled.messages) {
                if (message instanceof String text && !"h".equals(text)) {
                    texts.add(text);
                }
            }
            assertEquals(List.of("ERROR: Receiver too slow"), texts);
            assertTrue(stalled.messages.size() - 1 < sent, "it got only part of the stream");
            if (stalledSession.isOpen()) {
                stalledSession.close();
            }
        } finally {
            // No ownClient.shutdown(): it stops Tyrus's executors that every other client in this JVM shares.
            stalled.release.countDown();
        }
    }
}
