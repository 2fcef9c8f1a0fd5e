package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.wsingest.testing.Json;

/** The callback key mode: its request, its reading of answers, and the real HTTP client against a local server. */
class CallbackKeyPolicyTest {

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void requestCarriesChannelKeyKindAndAddress() {
        var json = Json.object(CallbackKeyPolicy.requestBody("cam", "k1", ConnectionKind.PUBLISH, "10.0.0.1"));
        assertEquals("cam", json.getString("channel"));
        assertEquals("k1", json.getString("key"));
        assertEquals("publish", json.getString("kind"));
        assertEquals("10.0.0.1", json.getString("address"));
        assertTrue(Json.object(CallbackKeyPolicy.requestBody("c", "k", ConnectionKind.PUBLISH, null))
                .isNull("address"));
    }

    @Test
    void readsTheStreamIdOfAnAcceptingAnswer() {
        assertEquals("evt-1", CallbackKeyPolicy.streamId("{\"stream_id\":\"evt-1\",\"other\":2}"));
        assertNull(CallbackKeyPolicy.streamId(""));
        assertNull(CallbackKeyPolicy.streamId(null));
        assertNull(CallbackKeyPolicy.streamId("OK"));
        assertNull(CallbackKeyPolicy.streamId("[1,2]"));
        assertNull(CallbackKeyPolicy.streamId("{\"stream_id\":42}"));
        assertNull(CallbackKeyPolicy.streamId("{\"stream_id\":\"has space\"}"), "ids go into logs: visible ASCII");
        assertNull(CallbackKeyPolicy.streamId("{\"stream_id\":\"" + "x".repeat(129) + "\"}"));
    }

    @Test
    void realClientPostsJsonAndReadsTheAnswer() throws Exception {
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        URI url = serve((method, type, body) -> {
            requests.add(method + " " + type + " " + body);
            return new Answer(201, "{\"stream_id\":\"abc\"}");
        });
        CallbackKeyPolicy policy = new CallbackKeyPolicy(url, Duration.ofSeconds(5),
                new HttpCallbackClient(Duration.ofSeconds(5), null));
        KeyCheck check = policy.checkPublisher("cam", "k1", "192.0.2.1");
        assertEquals(new KeyCheck.Accepted("abc", true), check);
        assertEquals("POST application/json {\"channel\":\"cam\",\"key\":\"k1\",\"kind\":\"publish\","
                + "\"address\":\"192.0.2.1\"}", requests.take());
    }

    @Test
    void realClientRefusesOnAnyOtherStatus() throws Exception {
        URI url = serve((method, type, body) -> new Answer(403, "forbidden"));
        CallbackKeyPolicy policy = new CallbackKeyPolicy(url, Duration.ofSeconds(5),
                new HttpCallbackClient(Duration.ofSeconds(5), null));
        KeyCheck.Refused refused = assertInstanceOf(KeyCheck.Refused.class, policy.checkPublisher("c", "k", null));
        assertEquals(LiveClose.INVALID_STREAMING_KEY, refused.close());
        assertTrue(refused.detail().contains("403"));
    }

    @Test
    void realClientGivesUpAfterTheTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        URI url = serve((method, type, body) -> {
            release.await(); // a coordinator that never answers in time
            return new Answer(200, "");
        });
        try {
            HttpCallbackClient client = new HttpCallbackClient(Duration.ofMillis(200), null);
            assertThrows(HttpTimeoutException.class, () -> client.post(url, "{}", Duration.ofMillis(200)));
            KeyCheck.Refused refused = assertInstanceOf(KeyCheck.Refused.class,
                    new CallbackKeyPolicy(url, Duration.ofMillis(200), client).checkPublisher("c", "k", null));
            assertEquals(LiveClose.INVALID_STREAMING_KEY, refused.close());
        } finally {
            release.countDown();
        }
    }

    @Test
    void unreachableCoordinatorRefuses() throws Exception {
        URI url = serve((method, type, body) -> new Answer(200, ""));
        server.stop(0);
        server = null;
        KeyCheck check = new CallbackKeyPolicy(url, Duration.ofSeconds(2),
                new HttpCallbackClient(Duration.ofSeconds(2), null)).checkPublisher("c", "k", null);
        assertEquals(LiveClose.INVALID_STREAMING_KEY, ((KeyCheck.Refused) check).close());
    }

    private record Answer(int status, String body) {
    }

    private interface Handler {
        Answer handle(String method, String contentType, String body) throws Exception;
    }

    private URI serve(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/publish", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Answer answer = handler.handle(exchange.getRequestMethod(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body);
                byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/publish");
    }
}
