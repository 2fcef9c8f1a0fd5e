package io.wsingest.websocket;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The closes a protocol started when the application stops, and the wait for them. Each protocol closes its own
 * connections with its documented shutdown close before the container closes what is left (Undertow with 1001 and no
 * reason, Tyrus not at all), so the application's stop waits, briefly, until the closes are done.
 */
public final class ShutdownCloses {

    /**
     * How long the application's stop waits for a protocol's closes: long enough for a last message and a close frame
     * to reach a client that reads, short enough not to hold an undeploy up for a client that does not.
     */
    public static final Duration WAIT = Duration.ofSeconds(5);

    private ShutdownCloses() {
    }

    /**
     * Waits up to {@link #WAIT} until every connection is closed (its future complete).
     *
     * @return how many are still open
     */
    public static long await(Collection<CompletableFuture<Void>> closes) {
        try {
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Counted below; the container closes what is left.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("A close is never completed exceptionally", e);
        }
        return closes.stream().filter(close -> !close.isDone()).count();
    }

    /**
     * The log line of a protocol's closes at shutdown, e.g. {@code Shutting down: closed 3 'upload' connection(s)}.
     *
     * @param protocol    the name the protocol's connections are counted under
     * @param connections how many the protocol asked to close
     * @param stillOpen   how many of them were still open after the wait
     */
    public static String summary(String protocol, int connections, long stillOpen) {
        return "Shutting down: closed " + (connections - stillOpen) + " '" + protocol + "' connection(s)"
                + (stillOpen == 0 ? "" : "; " + stillOpen + " did not close within " + WAIT.toSeconds() + " s");
    }
}
