package io.wsingest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The wait for the shutdown closes, and the log line each protocol writes. */
class ShutdownClosesTest {

    @Test
    void waitsForClosesThatCompleteLater() {
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            CompletableFuture<Void> closed = CompletableFuture.completedFuture(null);
            CompletableFuture<Void> closing = new CompletableFuture<>();
            later.schedule(() -> closing.complete(null), 50, TimeUnit.MILLISECONDS);

            assertEquals(0, ShutdownCloses.await(List.of(closed, closing)));
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void nothingToWaitFor() {
        assertEquals(0, ShutdownCloses.await(List.of()));
    }

    @Test
    void saysHowManyClosedAndHowManyDidNot() {
        assertEquals("Shutting down: closed 3 'live' connection(s)", ShutdownCloses.summary("live", 3, 0));
        assertEquals("Shutting down: closed 2 'upload' connection(s); 1 did not close within 5 s",
                ShutdownCloses.summary("upload", 3, 1));
    }
}
