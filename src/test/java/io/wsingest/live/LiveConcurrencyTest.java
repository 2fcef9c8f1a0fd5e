package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.wsingest.live.LiveFixture.Client;

/**
 * Receivers joining and leaving while the publisher streams: each one gets the stream in order and without gaps,
 * from the start of the cache (large enough here to hold it all) to the end.
 */
class LiveConcurrencyTest {

    @Test
    void receiversJoiningDuringTheStreamGetItWholeAndInOrder() throws Exception {
        LiveFixture live = new LiveFixture();
        Client publisher = live.connect("cam/k/publish");
        int chunks = 2000;
        int joiners = 40;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<?> publishing = pool.submit(() -> {
                start.await();
                for (int i = 0; i < chunks; i++) {
                    publisher.send(Integer.toString(i));
                }
                return null;
            });
            List<Future<Client>> joined = new ArrayList<>();
            for (int j = 0; j < joiners; j++) {
                joined.add(pool.submit(() -> {
                    start.await();
                    return live.connect("cam/k/receive");
                }));
            }
            Future<?> churn = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 200; i++) {
                    live.connect("cam/k/receive").disconnect(); // joins and leaves at once
                }
                return null;
            });
            start.countDown();
            publishing.get(60, TimeUnit.SECONDS);
            churn.get(60, TimeUnit.SECONDS);
            List<Client> receivers = new ArrayList<>();
            for (Future<Client> f : joined) {
                receivers.add(f.get(60, TimeUnit.SECONDS));
            }
            publisher.disconnect();
            for (Client receiver : receivers) {
                List<String> got = receiver.peer().chunks();
                assertEquals(chunks, got.size(), "every chunk");
                for (int i = 0; i < chunks; i++) {
                    assertEquals(Integer.toString(i), got.get(i), "in order");
                }
                assertEquals(LiveClose.STREAM_ENDED, receiver.peer().closed());
            }
            assertEquals(1, live.relay.figures().streamsEnded());
        } finally {
            pool.shutdownNow();
        }
    }
}
