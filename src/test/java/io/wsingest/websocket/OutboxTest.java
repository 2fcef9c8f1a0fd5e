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
    void countsTextInUtf8Bytes() {
        Outbox outbox = new Outbox(transport, 10, overflows::incrementAndGet);
        outbox.offerText("in flight");
        assertTrue(outbox.offerText("a\u00e9\u20ac\ud83d\ude00"), "1 + 2 + 3 + 4 bytes fit the bound of 10");
        assertEquals(10, outbox.queuedBytes());
    }

    @Test
    void multiByteTextOverflowsAByteBound() {
        Outbox outbox = new Outbox(transport, 10, overflows::incrementAndGet);
        outbox.offerText("in flight");
        assertFalse(outbox.offerText("\u20ac\u20ac\u20ac\u20ac"), "four characters, but twelve bytes");
        assertEquals(1, overflows.get());
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
    void drainsALongQueueWithoutRecursionWhenSendsCompleteAtOnce() {
        // The first send waits; every later one completes inside the transport call, as Undertow's do when the
        // socket takes the frame at once. Recursing per message would overflow the stack long before 200,000.
        List<Consumer<Throwable>> held = new ArrayList<>();
        AtomicInteger sent = new AtomicInteger();
        Outbox outbox = new Outbox(new Outbox.Transport() {
            @Override
            public void sendText(String text, Consumer<Throwable> done) {
                sendBinary(null, done);
            }

            @Override
            public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
                if (sent.getAndIncrement() == 0) {
                    held.add(done);
                } else {
                    done.accept(null);
                }
            }
        }, Long.MAX_VALUE, overflows::incrementAndGet);
        int messages = 200_000;
        for (int i = 0; i < messages; i++) {
            outbox.offerText("m");
        }
        held.get(0).accept(null);
        assertEquals(messages, sent.get());
        assertEquals(0, outbox.queuedBytes());
        assertTrue(outbox.offerText("after"), "idle again, the next message goes straight out");
    }

    @Test
    void closeAfterQueuedRunsOnceEverythingQueuedIsSent() {
        Outbox outbox = new Outbox(transport, 1000, overflows::incrementAndGet);
        AtomicInteger closed = new AtomicInteger();
        outbox.offerText("a");
        outbox.offerText("b");
        outbox.closeAfterQueued(closed::incrementAndGet);
        assertFalse(outbox.offerText("c"), "refuses new messages");
        transport.completeNext(null);
        assertEquals(0, closed.get(), "b is still to be sent");
        transport.completeNext(null);
        assertEquals(List.of("a", "b"), transport.sent);
        assertEquals(1, closed.get());
        outbox.closeWith("ERROR: late", closed::incrementAndGet);
        assertEquals(1, closed.get(), "only the first close takes effect");
    }

    @Test
    void closeAfterQueuedRunsAtOnceWhenIdle() {
        Outbox outbox = new Outbox(transport, 1000, overflows::incrementAndGet);
        AtomicInteger closed = new AtomicInteger();
        outbox.closeAfterQueued(closed::incrementAndGet);
        assertEquals(1, closed.get());
    }

    @Test
    void closeWithDropsTheQueueAndSendsTheLastTextAfterTheMessageInFlight() {
        Outbox outbox = new Outbox(transport, 1000, overflows::incrementAndGet);
        AtomicInteger closed = new AtomicInteger();
        outbox.offerText("a");
        outbox.offerText("b");
        outbox.closeWith("ERROR: bye", closed::incrementAndGet);
        assertEquals(List.of("a"), transport.sent, "never two sends in flight");
        transport.completeNext(null);
        assertEquals(List.of("a", "ERROR: bye"), transport.sent);
        assertEquals(0, closed.get());
        transport.completeNext(null);
        assertEquals(1, closed.get());
    }

    @Test
    void closeWithAfterAnOverflowTellsThePeerWhy() {
        Outbox outbox = new Outbox(transport, 10, overflows::incrementAndGet);
        AtomicInteger closed = new AtomicInteger();
        outbox.offerBinary(ByteBuffer.allocate(10));
        outbox.offerBinary(ByteBuffer.allocate(10));
        assertFalse(outbox.offerBinary(ByteBuffer.allocate(10)));
        outbox.closeWith("ERROR: too slow", closed::incrementAndGet);
        transport.completeNext(null);
        assertEquals("ERROR: too slow", transport.sent.get(1));
        transport.completeNext(null);
        assertEquals(1, closed.get());
    }

    @Test
    void closeWithStillClosesWhenTheConnectionFailed() {
        Outbox outbox = new Outbox(transport, 1000, overflows::incrementAndGet);
        AtomicInteger closed = new AtomicInteger();
        outbox.offerText("a");
        outbox.closeWith("ERROR: bye", closed::incrementAndGet);
        transport.completeNext(new java.io.IOException("reset"));
        assertEquals(List.of("a"), transport.sent, "nothing more is sent over a broken connection");
        assertEquals(1, closed.get());
    }
}
