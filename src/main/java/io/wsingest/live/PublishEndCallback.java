package io.wsingest.live;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

import io.wsingest.logging.LogText;

/**
 * Callback mode: tells the coordinator that the stream of a publisher it accepted has ended, as the original server
 * calls its coordinator's publish-end (nginx-rtmp's {@code on_publish_done}). The server POSTs
 * {@code {"channel", "kind": "publish_end", "stream_id", "address", "duration_ms", "bytes_in", "bytes_out"}} to the
 * callback URL; any 2xx answer is the coordinator's receipt. Anything else, a timeout or a connection error is tried
 * again, up to {@code wsingest.live.callback-end-attempts} times in all, waiting 1 s, 2 s, 4 s … between tries. The
 * calls run on the scheduler, never on the thread that ends the stream. Internal publications (protocol A) were not
 * put to the coordinator, so their ends are not either.
 */
final class PublishEndCallback {

    private static final Logger LOG = Logger.getLogger(PublishEndCallback.class.getName());
    /** Looked up once: {@code Json.create…} finds the provider again on every call, a class-path scan. */
    private static final JsonProvider JSON = JsonProvider.provider();
    /** The wait before the second try; it doubles before each further one. */
    static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);

    private final URI url;
    private final Duration timeout;
    private final int attempts;
    private final Duration firstRetryDelay;
    private final CallbackClient client;
    private final ScheduledExecutorService scheduler;

    PublishEndCallback(URI url, Duration timeout, int attempts, Duration firstRetryDelay, CallbackClient client,
            ScheduledExecutorService scheduler) {
        this.url = url;
        this.timeout = timeout;
        this.attempts = attempts;
        this.firstRetryDelay = firstRetryDelay;
        this.client = client;
        this.scheduler = scheduler;
    }

    void streamEnded(LiveRelay.LiveStreamInfo stream, Duration duration) {
        if (!stream.internal()) {
            schedule(requestBody(stream, duration), stream, 1, Duration.ZERO);
        }
    }

    static String requestBody(LiveRelay.LiveStreamInfo stream, Duration duration) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("channel", stream.channel())
                .add("kind", "publish_end")
                .add("stream_id", stream.streamId());
        if (stream.publisher() == null) {
            json.addNull("address");
        } else {
            json.add("address", stream.publisher());
        }
        return json.add("duration_ms", duration.toMillis())
                .add("bytes_in", stream.bytesIn())
                .add("bytes_out", stream.bytesOut())
                .build().toString();
    }

    private void schedule(String body, LiveRelay.LiveStreamInfo stream, int attempt, Duration delay) {
        try {
            scheduler.schedule(() -> post(body, stream, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The application is stopping: the coordinator hears nothing more from this node.
            LOG.warning(() -> "Could not tell the coordinator that stream " + stream.streamId() + " ended: " + e);
        }
    }

    private void post(String body, LiveRelay.LiveStreamInfo stream, int attempt) {
        String failure;
        try {
            CallbackClient.Response response = client.post(url, body, timeout);
            if (response.status() >= 200 && response.status() <= 299) {
                return;
            }
            failure = "HTTP " + response.status();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        }
        String why = failure;
        if (attempt >= attempts) {
            LOG.warning(() -> "The coordinator did not take the end of stream " + stream.streamId() + " on channel "
                    + LogText.escape(stream.channel()) + " after " + attempt + " attempts: " + why);
            return;
        }
        LOG.info(() -> "The coordinator did not take the end of stream " + stream.streamId() + " (attempt " + attempt
                + " of " + attempts + "): " + why + "; trying again");
        schedule(body, stream, attempt + 1, firstRetryDelay.multipliedBy(1L << (attempt - 1)));
    }
}
