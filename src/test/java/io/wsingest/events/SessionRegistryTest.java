package io.wsingest.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.wsingest.metrics.Meter;
import io.wsingest.metrics.Metrics;
import io.wsingest.websocket.Outbox;

class SessionRegistryTest {

    /** A session stand-in; identity, not value, equality, like a real session. */
    private static class Recorder implements EventSubscriber {
        private final String onlyUpload;
        private final List<String> received = new CopyOnWriteArrayList<>();

        Recorder(String onlyUpload) {
            this.onlyUpload = onlyUpload;
        }

        List<String> received() {
            return received;
        }

        @Override
        public boolean accepts(String uploadId) {
            return onlyUpload == null || onlyUpload.equals(uploadId);
        }

        @Override
        public boolean deliver(String json) {
            return received.add(json);
        }
    }

    private final SessionRegistry registry = registry(Metrics.standalone());

    private static SessionRegistry registry(Metrics metrics) {
        SessionRegistry registry = new SessionRegistry();
        registry.metrics = metrics;
        registry.registerMeters();
        return registry;
    }

    @Test
    void countsEventsDeliveredAndThoseASessionCouldNotTake() {
        Metrics metrics = Metrics.standalone();
        SessionRegistry counted = registry(metrics);
        Recorder taking = new Recorder(null);
        counted.register("alice", taking);
        counted.register("alice", new Recorder(null) {
            @Override
            public boolean deliver(String json) {
                return false; // its outbox is full
            }
        });
        counted.register("bob", new Recorder(null));

        assertEquals(1, counted.deliver(new UploadEvent("alice", "u1", "{}")));
        assertEquals(1, counted.deliver(new UploadEvent("alice", "u2", "{}")));

        assertEquals(2, metrics.value(Meter.EVENTS_DELIVERED));
        assertEquals(2, metrics.value(Meter.EVENTS_DROPPED));
    }

    @Test
    void deliversToEverySessionOfTheUserAndNoOtherUser() {
        Recorder aliceTab1 = new Recorder(null);
        Recorder aliceTab2 = new Recorder(null);
        Recorder bob = new Recorder(null);
        registry.register("alice", aliceTab1);
        registry.register("alice", aliceTab2);
        registry.register("bob", bob);

        assertEquals(2, registry.deliver(new UploadEvent("alice", "u1", "e1")));

        assertEquals(List.of("e1"), aliceTab1.received());
        assertEquals(List.of("e1"), aliceTab2.received());
        assertEquals(List.of(), bob.received());
    }

    @Test
    void perUploadSessionGetsOnlyItsUpload() {
        Recorder onlyU2 = new Recorder("u2");
        registry.register("alice", onlyU2);
        registry.deliver(new UploadEvent("alice", "u1", "e1"));
        registry.deliver(new UploadEvent("alice", "u2", "e2"));
        assertEquals(List.of("e2"), onlyU2.received());
    }

    @Test
    void sessionWhoseCommandCausedTheEventIsLeftOut() {
        List<String> origin = new CopyOnWriteArrayList<>();
        List<String> otherTab = new CopyOnWriteArrayList<>();
        registry.register("alice", new OutboxSubscriber(recordingOutbox(origin), null, "s1"));
        registry.register("alice", new OutboxSubscriber(recordingOutbox(otherTab), null, "s2"));

        assertEquals(1, registry.deliver(new UploadEvent("alice", "u1", "updated", "s1")));
        assertEquals(2, registry.deliver(new UploadEvent("alice", "u1", "status")));

        assertEquals(List.of("status"), origin);
        assertEquals(List.of("updated", "status"), otherTab);
    }

    @Test
    void perUploadSubscriberStillFiltersByUploadWithASessionId() {
        List<String> received = new CopyOnWriteArrayList<>();
        registry.register("alice", new OutboxSubscriber(recordingOutbox(received), "u2", "s1"));
        registry.deliver(new UploadEvent("alice", "u1", "e1", "s9"));
        registry.deliver(new UploadEvent("alice", "u2", "e2", "s9"));
        assertEquals(List.of("e2"), received);
    }

    @Test
    void aSessionGetsNoEventsOfAnUploadItForgot() {
        List<String> received = new CopyOnWriteArrayList<>();
        OutboxSubscriber subscriber = new OutboxSubscriber(recordingOutbox(received), null, "s1");
        registry.register("alice", subscriber);

        subscriber.forget("u1");

        assertEquals(0, registry.deliver(new UploadEvent("alice", "u1", "late status")));
        assertEquals(1, registry.deliver(new UploadEvent("alice", "u2", "other upload")));
        assertEquals(List.of("other upload"), received);
    }

    /** An outbox whose transport completes each send at once and records the text. */
    static Outbox recordingOutbox(List<String> sent) {
        return new Outbox(new Outbox.Transport() {
            @Override
            public void sendText(String text, Consumer<Throwable> done) {
                sent.add(text);
                done.accept(null);
            }

            @Override
            public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
                done.accept(null);
            }
        }, 1 << 20, () -> { });
    }

    @Test
    void unregisteredSessionsGetNothingAndEmptyUsersAreForgotten() {
        Recorder tab = new Recorder(null);
        registry.register("alice", tab);
        registry.unregister("alice", tab);
        assertEquals(0, registry.deliver(new UploadEvent("alice", "u1", "e1")));
        assertEquals(0, registry.sessionCount());
        registry.unregister("nobody", tab);
    }

    @Test
    void staysConsistentUnderConcurrentRegistrationAndDelivery() throws Exception {
        int threads = 8;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int t = 0; t < threads; t++) {
                String user = "user" + (t % 2);
                pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Recorder r = new Recorder(null);
                        registry.register(user, r);
                        registry.deliver(new UploadEvent(user, "u", "e"));
                        registry.unregister(user, r);
                    }
                    return null;
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
        assertEquals(0, registry.sessionCount());
    }
}
