package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublishEndCallbackTest {

    private static final URI URL = URI.create("http://coordinator.example/on-publish");
    private static final LiveRelay.LiveStreamInfo STREAM =
            new LiveRelay.LiveStreamInfo("cam1", "stream-7", "203.0.113.7", false, 5000, 15000);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<String> posted = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** A coordinator that answers the first {@code failures} requests with {@code failure}, then 204. */
    private CallbackClient coordinator(int failures, int failure) {
        AtomicInteger calls = new AtomicInteger();
        return (url, json, timeout) -> {
            posted.add(json);
            if (calls.incrementAndGet() <= failures) {
                if (failure == 0) {
                    throw new IOException("connection refused");
                }
                return new CallbackClient.Response(failure, "");
            }
            return new CallbackClient.Response(204, "");
        };
    }

    private PublishEndCallback callback(int attempts, CallbackClient client) {
        return new PublishEndCallback(URL, Duration.ofSeconds(1), attempts, Duration.ofMillis(10), client, scheduler);
    }

    private String nextPost() throws InterruptedException {
        return posted.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void tellsTheCoordinatorOnceWhenItTakesTheEnd() throws Exception {
        callback(3, coordinator(0, 0)).streamEnded(STREAM, Duration.ofMillis(61_500));
        assertEquals("{\"channel\":\"cam1\",\"kind\":\"publish_end\",\"stream_id\":\"stream-7\",\"address\":"
                + "\"203.0.113.7\",\"duration_ms\":61500,\"bytes_in\":5000,\"bytes_out\":15000}", nextPost());
        scheduler.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        assertNull(posted.poll(), "a 2xx answer is final");
    }

    @Test
    void triesAgainUpToTheAttemptsAfterRefusalsAndErrors() throws Exception {
        callback(3, coordinator(2, 503)).streamEnded(STREAM, Duration.ofSeconds(1));
        callback(2, coordinator(5, 0)).streamEnded(STREAM, Duration.ofSeconds(1));
        for (int i = 0; i < 3 + 2; i++) {
            assertEquals(STREAM.streamId(), Json.streamIdOf(nextPost()));
        }
        // Every retry is scheduled before the previous try returns, so after the last try nothing is left.
        scheduler.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        assertNull(posted.poll(), "at most the configured attempts");
    }

    @Test
    void internalPublicationsWereNeverTheCoordinatorsAndAreNotReported() throws Exception {
        callback(3, coordinator(0, 0)).streamEnded(new LiveRelay.LiveStreamInfo("project-1", "s", "upload", true, 1,
                1), Duration.ofSeconds(1));
        scheduler.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        assertNull(posted.poll());
    }

    private static final class Json {
        static String streamIdOf(String body) {
            return jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject().getString("stream_id");
        }
    }
}
