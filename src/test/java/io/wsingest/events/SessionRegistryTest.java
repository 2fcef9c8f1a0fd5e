package io.wsingest.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SessionRegistryTest {

    /** A session stand-in; identity, not value, equality, like a real session. */
    private static final class Recorder implements EventSubscriber {
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
        public void deliver(String json) {
            received.add(json);
        }
    }

    private final SessionRegistry registry = new SessionRegistry();

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
