package io.wsingest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

class OutboxTest {

    /** A transport that completes sends only when the test says so, like a slow peer. */
    private static final class ManualTransport implements Outbox.Transport {
        final List<Object> sent = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();

        @Override
        public void sendText(String text, Consumer<Throwable> done) {
            sent.add(text);
            pending.add(done);
        }

        @Override
        public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
            sent.add(data);
            pending.add(done);
        }

        void completeNext(Throwable failure) {
            pending.remove(0).accept(failure);
        }
    }

    private final ManualTransport transport = new ManualTransport();
    private final AtomicInteger overflows = new AtomicInteger();

    @Test
    void sendsOneMessageAtATimeInOrder() {
        Outbox outbox = new Outbox(transport, 1000, overflows::incrementAndGet);
        outbox.offerText("a");
        outbox.offerText("b");
        outbox.offerBinary(ByteBuffer.wrap(new byte[] {1, 2}));
        assertEquals(List.of("a"), transport.sent, "only one send in flight");

        transport.completeNext(null);
        assertEquals(List.of("a", "b"), transport.sent);
        transport.completeNext(null);
        assertEquals(3, transport.sent.size());
        assertEquals(0, outbox.queuedBytes());
    }

    @Test
    void countsQueuedBytesNotTheMessageInFlight() {
        Outbox outbox = new Outbox(transport, 1000, overflows::incrementAndGet);
        outbox.offerBinary(ByteBuffer.allocate(600));
        outbox.offerBinary(ByteBuffer.allocate(300));
        assertEquals(300, outbox.queuedBytes());
    }

    @Test
    void overflowRefusesFurtherMessagesAndReportsOnce() {
        Outbox outbox = new Outbox(transport, 100, overflows::incrementAndGet);
        assertTrue(outbox.offerBinary(ByteBuffer.allocate(100)));
        assertTrue(outbox.offerBinary(ByteBuffer.allocate(100)));
        assertFalse(outbox.offerBinary(ByteBuffer.allocate(1)), "the bound is exceeded");
        assertFalse(outbox.offerText("later"));
        assertEquals(1, overflows.get());
        assertEquals(0, outbox.queuedBytes(), "the queue is dropped");

        transport.completeNext(null);
        assertEquals(1, transport.sent.size(), "nothing queued is sent after an overflow");
    }

    @Test
    void failedSendStopsTheOutbox() {
        Outbox outbox = new Outbox(transport, 1000, overflows::incrementAndGet);
        outbox.offerText("a");
        outbox.offerText("b");
        transport.completeNext(new java.io.IOException("broken pipe"));
        assertEquals(List.of("a"), transport.sent);
        assertFalse(outbox.offerText("c"));
        assertEquals(0, overflows.get(), "a broken connection is not an overflow");
    }

    @Test
    void closeDropsTheQueue() {
        Outbox outbox = new Outbox(transport, 1000, overflows::incrementAndGet);
        outbox.offerText("a");
        outbox.offerText("b");
        outbox.close();
        transport.completeNext(null);
        assertEquals(List.of("a"), transport.sent);
        assertFalse(outbox.offerText("c"));
    }

    @Test
    void transportThatThrowsIsTreatedAsAFailedSend() {
        Outbox outbox = new Outbox(new Outbox.Transport() {
            @Override
            public void sendText(String text, Consumer<Throwable> done) {
                throw new IllegalStateException("closed");
            }

            @Override
            public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
                throw new IllegalStateException("closed");
            }
        }, 1000, overflows::incrementAndGet);
        outbox.offerText("a");
        assertFalse(outbox.offerText("b"));
    }

    @Test
    void closeAfterSendingRunsAtOnceWhenIdle() {
        Outbox outbox = new Outbox(transport, 1000, overflows::incrementAndGet);
        AtomicInteger ran = new AtomicInteger();
        outbox.closeAfterSending(ran::incrementAndGet);
        assertEquals(1, ran.get());
        assertFalse(outbox.offerText("late"));
        assertTrue(transport.sent.isEmpty());
    }

    @Test
    void closeAfterSendingLetsQueuedMessagesGoFirst() {
        Outbox outbox = new Outbox(transport, 1000, overflows::incrementAndGet);
        List<Object> order = new ArrayList<>();
        outbox.offerText("a");
        outbox.offerText("last");
        outbox.closeAfterSending(() -> order.add("close"));
        assertFalse(outbox.offerText("refused"));
        assertTrue(order.isEmpty(), "a send is in flight");

        transport.completeNext(null);
        assertEquals(List.of("a", "last"), transport.sent);
        assertTrue(order.isEmpty());
        transport.completeNext(null);
        assertEquals(List.of("close"), order);
    }

    @Test
    void closeAfterSendingRunsOnceEvenWhenTheSendFails() {
        Outbox outbox = new Outbox(transport, 1000, overflows::incrementAndGet);
        AtomicInteger ran = new AtomicInteger();
        outbox.offerText("a");
        outbox.offerText("b");
        outbox.closeAfterSending(ran::incrementAndGet);
        outbox.closeAfterSending(ran::incrementAndGet);
        transport.completeNext(new java.io.IOException("broken pipe"));
        assertEquals(1, ran.get());
        assertEquals(List.of("a"), transport.sent);
    }

    @Test
    void closeAfterSendingStillRunsAfterAnOverflow() {
        Outbox outbox = new Outbox(transport, 10, overflows::incrementAndGet);
        AtomicInteger ran = new AtomicInteger();
        outbox.offerBinary(ByteBuffer.allocate(10));
        outbox.offerBinary(ByteBuffer.allocate(20));
        outbox.closeAfterSending(ran::incrementAndGet);
        assertEquals(0, ran.get(), "the first message is still in flight");
        transport.completeNext(null);
        assertEquals(1, ran.get());
    }
}
