package io.wsingest.live;

import static io.wsingest.live.LiveClients.nextBinary;
import static io.wsingest.live.LiveClients.numbered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
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

import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;

/**
 * A receiver on a client of its own whose message handler blocks on its first chunk until released: the TCP window
 * fills while its thread reads nothing, as with a player that stalls.
 */
public final class StalledReceiver extends Endpoint {

    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private Session session;

    /** Connects a stalled receiver to the channel; its blocked thread must not hold up the other clients. */
    public static StalledReceiver connect(TestServer server, String channel, String key) throws Exception {
        StalledReceiver receiver = new StalledReceiver();
        // No shutdown of this client: it would stop Tyrus's executors that every other client in this JVM shares.
        ClientManager ownClient = ClientManager.createClient();
        receiver.session = ownClient.connectToServer(receiver, ClientEndpointConfig.Builder.create().build(),
                server.ws(channel + "/" + key + "/receive"));
        return receiver;
    }

    /**
     * Publishes numbered chunks (from 1: chunk 0 started the stall) until {@code cutOff} says the stalled receiver
     * was cut off (asked every 32 chunks), reading the good receivers along so that only the stalled one falls
     * behind; then 32 more, and checks that every good receiver got every chunk, in order.
     *
     * @return how many chunks were sent
     */
    public static int floodUntilCutOff(WsClient publisher, List<WsClient> good, int chunkBytes, int maxChunks,
            Callable<Boolean> cutOff) throws Exception {
        int sent = 1;
        int received = 1;
        boolean cut = false;
        while (!cut && sent < maxChunks) {
            publisher.sendBinary(numbered(sent++, chunkBytes));
            while (sent - received > 8) {
                readFromEach(good, received++, "in order, none lost");
            }
            if (sent % 32 == 0) {
                cut = cutOff.call();
            }
        }
        assertTrue(cut, "cut off after " + sent + " chunks of " + chunkBytes + " bytes");
        for (int i = 0; i < 32; i++) {
            publisher.sendBinary(numbered(sent++, chunkBytes));
        }
        while (received < sent) {
            readFromEach(good, received++, "the others still get every chunk");
        }
        return sent;
    }

    private static void readFromEach(List<WsClient> good, int index, String message) throws InterruptedException {
        for (WsClient receiver : good) {
            assertEquals(index, nextBinary(receiver).getInt(), message);
        }
    }

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

    /** Whether it got its first chunk (and stalls on it) within the wait. */
    public boolean awaitStalled() throws InterruptedException {
        return entered.await(20, TimeUnit.SECONDS);
    }

    /** Lets it read again. */
    public void release() {
        release.countDown();
    }

    /** The close it got, within the wait. */
    public CloseReason awaitClose() throws Exception {
        return closed.get(20, TimeUnit.SECONDS);
    }

    /** The texts it got other than heartbeats. */
    public List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (Object message : messages) {
            if (message instanceof String text && !"h".equals(text)) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** How many messages it got, heartbeats included. */
    public int messageCount() {
        return messages.size();
    }

    /** Closes its session if the server has not. */
    public void closeIfOpen() throws Exception {
        if (session != null && session.isOpen()) {
            session.close();
        }
    }
}
