package io.wsingest.live;

import static io.wsingest.live.LiveClients.assertRefused;
import static io.wsingest.live.LiveClients.channel;
import static io.wsingest.live.LiveClients.chunk;
import static io.wsingest.live.LiveClients.connect;
import static io.wsingest.live.LiveClients.nextChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import com.sun.net.httpserver.HttpServer;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;

/**
 * Callback keys: the server asks a coordinator (here an HTTP server in the test's JVM) about every publisher; the
 * coordinator accepts the key {@code letmein} with a stream id and refuses any other. It hears each accepted
 * stream's end too; on channels named {@code cb-flaky-…} it answers the first report of an end with 503.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class LiveCallbackIT {

    private static final BlockingQueue<JsonObject> REQUESTS = new LinkedBlockingQueue<>();
    private static final Map<String, String> STREAM_IDS = new ConcurrentHashMap<>();
    private static final Set<String> FAILED_ENDS = ConcurrentHashMap.newKeySet();
    private static final HttpServer COORDINATOR = startCoordinator();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings(
                LiveSettings.KEY_MODE + "=callback",
                LiveSettings.CALLBACK_URL + "=http://127.0.0.1:" + COORDINATOR.getAddress().getPort() + "/on-publish",
                LiveSettings.CALLBACK_TIMEOUT_MILLIS + "=5000");
    }

    @AfterAll
    static void stopCoordinator() {
        COORDINATOR.stop(0);
    }

    @ArquillianResource
    URL url;

    private TestServer server() {
        return new TestServer(url);
    }

    private static HttpServer startCoordinator() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.setExecutor(Executors.newCachedThreadPool());
            http.createContext("/on-publish", exchange -> {
                try (InputStream in = exchange.getRequestBody(); exchange) {
                    JsonObject request = Json.object(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    REQUESTS.add(request);
                    if ("publish_end".equals(request.getString("kind"))) {
                        boolean fail = request.getString("channel").startsWith("cb-flaky-")
                                && FAILED_ENDS.add(request.getString("channel"));
                        exchange.sendResponseHeaders(fail ? 503 : 204, -1);
                        return;
                    }
                    boolean accepted = "letmein".equals(request.getString("key"));
                    String streamId = "evt-" + request.getString("channel");
                    STREAM_IDS.put(request.getString("channel"), streamId);
                    byte[] body = (accepted ? "{\"stream_id\":\"" + streamId + "\"}" : "{\"error\":\"no\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(accepted ? 200 : 403, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject requestFor(String channel) throws InterruptedException {
        return requestFor(channel, "publish");
    }

    /** The coordinator's next request of this kind about the channel; others are passed over. */
    private static JsonObject requestFor(String channel, String kind) throws InterruptedException {
        while (true) {
            JsonObject request = REQUESTS.poll(WsClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (request == null) {
                throw new AssertionError("the coordinator heard no " + kind + " of " + channel);
            }
            if (request.getString("channel").equals(channel) && request.getString("kind").equals(kind)) {
                return request;
            }
        }
    }

    @Test
    void acceptedPublisherStreamsUnderTheCoordinatorsStreamId() throws Exception {
        String ch = channel("cb");
        try (WsClient receiver = connect(server(), ch, "letmein", "receive");
             WsClient publisher = connect(server(), ch, "letmein", "publish")) {
            publisher.sendBinary(chunk("approved"));
            assertEquals("approved", nextChunk(receiver));

            JsonObject request = requestFor(ch);
            assertEquals("letmein", request.getString("key"));
            assertEquals("publish", request.getString("kind"));
            assertTrue(InetAddress.getByName(request.getString("address")).isLoopbackAddress(),
                    request.getString("address"));
            assertEquals("evt-" + ch, LiveClients.channelState(server(), ch).getString("streamId"));
            assertEquals("callback", LiveClients.listing(server()).getString("keyMode"));

            try (WsClient wrongReceiver = connect(server(), ch, "other", "receive")) {
                assertRefused(wrongReceiver, LiveClose.INVALID_STREAMING_KEY);
            }
        }
    }

    @Test
    void refusedPublisherGetsAnError() throws Exception {
        String ch = channel("cb-refused");
        try (WsClient publisher = connect(server(), ch, "guess", "publish")) {
            assertRefused(publisher, LiveClose.INVALID_STREAMING_KEY);
        }
        assertEquals("guess", requestFor(ch).getString("key"));
    }

    @Test
    void coordinatorHearsWhenAStreamEndsWithItsDurationAndBytes() throws Exception {
        String ch = channel("cb-end");
        try (WsClient receiver = connect(server(), ch, "letmein", "receive")) {
            try (WsClient publisher = connect(server(), ch, "letmein", "publish")) {
                publisher.sendBinary(chunk("first"));
                publisher.sendBinary(chunk("second"));
                assertEquals("first", nextChunk(receiver));
                assertEquals("second", nextChunk(receiver));
            }
            JsonObject end = requestFor(ch, "publish_end");
            assertEquals("evt-" + ch, end.getString("stream_id"));
            assertEquals(11, end.getJsonNumber("bytes_in").longValue());
            assertEquals(11, end.getJsonNumber("bytes_out").longValue());
            assertTrue(end.getJsonNumber("duration_ms").longValue() >= 0, end.toString());
            assertTrue(InetAddress.getByName(end.getString("address")).isLoopbackAddress(), end.toString());
            assertEquals(Set.of("channel", "kind", "stream_id", "address", "duration_ms", "bytes_in", "bytes_out"),
                    end.keySet());
        }
    }

    @Test
    void streamEndIsToldAgainWhenTheCoordinatorFails() throws Exception {
        String ch = channel("cb-flaky");
        try (WsClient publisher = connect(server(), ch, "letmein", "publish")) {
            publisher.sendBinary(chunk("data"));
            requestFor(ch);
        }
        JsonObject first = requestFor(ch, "publish_end");
        JsonObject second = requestFor(ch, "publish_end");
        assertEquals(first, second, "the same report, tried again after the 503");
    }

    @Test
    void channelApiShowsEachStreamsBitRatesAndReceivers() throws Exception {
        String ch = channel("cb-rates");
        try (WsClient first = connect(server(), ch, "letmein", "receive");
             WsClient second = connect(server(), ch, "letmein", "receive");
             WsClient publisher = connect(server(), ch, "letmein", "publish")) {
            JsonObject state = LiveClients.channelState(server(), ch);
            long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
            // The rates are measured once a second: publish until a measurement saw data.
            while (state.getJsonNumber("bitRateIn").longValue() == 0
                    || state.getJsonNumber("bitRateOut").longValue() == 0) {
                assertTrue(System.nanoTime() < deadline, "no bit rate within " + WsClient.WAIT + ": " + state);
                publisher.sendBinary(chunk("x".repeat(1000)));
                nextChunk(first);
                nextChunk(second);
                state = LiveClients.channelState(server(), ch);
            }
            assertEquals(2, state.getInt("receivers"));
        }
    }
}
