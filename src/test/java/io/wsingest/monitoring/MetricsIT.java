package io.wsingest.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.galileo.GalileoClient;
import io.wsingest.live.LiveClients;
import io.wsingest.live.LiveClose;
import io.wsingest.streamreq.StreamTestClient;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.Json;
import io.wsingest.testing.MetricsScrape;
import io.wsingest.testing.RawWebSocket;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.TextPages;
import io.wsingest.testing.Unique;
import io.wsingest.testing.WsClient;
import io.wsingest.upload.UploadClient;
import io.wsingest.upload.UploadFixtures;
import io.wsingest.uploadapi.UploadApiClient;

/**
 * Traffic of each protocol, then a scrape of {@code /api/metrics}: every counter moved by exactly what the clients
 * did (read before, act, read after), the bytes by what the clients sent and received. Also who may scrape, and the
 * same figures in JMX.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    /** Scrapes from this address need no token; from 127.0.0.1 (every other test's address) they do. */
    private static final String SCRAPER = "127.0.0.2";
    /**
     * What may wait for one protocol D socket: a socket that reads nothing overflows it after a few large events (far
     * more than the small events of the other tests, whose clients read).
     */
    private static final String D_OUTBOUND_LIMIT = "1MiB";
    /** A client that stops reading: its TCP window closes after this much, as a slow client's on a real network. */
    private static final int STALLED_RECEIVE_BUFFER = 4096;
    private static final int LIVE_CHUNK = 256 * 1024;
    /** Far more than loopback's socket buffers and a receiver's queue (8 MiB) hold; the test stops at the cut. */
    private static final int MAX_LIVE_CHUNKS = 1024;
    /** A corrected text of half the largest message: each event about it is as large. */
    private static final int CORRECTION_CHARS = 512 * 1024;
    /** Far more than a socket's TCP buffers and its outbound limit hold; the test stops at the first drop. */
    private static final int MAX_CORRECTIONS = 100;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings("wsingest.metrics.allowed-addresses=" + SCRAPER,
                        "wsingest.uploadapi.max-outbound-bytes=" + D_OUTBOUND_LIMIT)
                .addClass(JmxProbeServlet.class);
    }

    @ArquillianResource
    URL url;

    private TestServer server() {
        return new TestServer(url);
    }

    @Test
    void protocolACountsAnUploadItsResumeAndItsBytes() throws Exception {
        String user = Unique.name("metrics-a-");
        String project = UploadFixtures.project(server(), user);
        byte[] data = UploadFixtures.content(3 * UploadClient.MAX_DATA + 17, 1);
        MetricsScrape before = MetricsScrape.of(server());

        long sent;
        long received;

        try (UploadClient first = UploadClient.connect(server(), user, "id=" + project)) {
            first.awaitStateInfo();
            first.answer("resumed.bin", (long) data.length, 0);
            first.awaitHeartbeat();
            first.sendRange(data, 0, UploadClient.MAX_DATA);
            first.awaitHeartbeatOf(UploadClient.MAX_DATA);
            // A second connection takes the upload over. The server closes the first one once it has been idle for
            // the test server's idle timeout, after everything it had sent: nothing is lost between the counts.
            try (UploadClient second = UploadClient.connect(server(), user, "id=" + project)) {
                assertEquals(UploadClient.MAX_DATA, second.uploadAll("resumed.bin", data));
                second.awaitCompletion(data.length);
                sent = second.ws().bytesSent();
                received = second.ws().bytesReceived();
            }
            first.awaitClose();
            sent += first.ws().bytesSent();
            received += first.ws().bytesReceived();
        }

        MetricsScrape after = MetricsScrape.awaitDelta(server(), before, "wsingest_connections_open", "a", 0);
        assertEquals(2, after.delta(before, "wsingest_connections_opened_total", "a"));
        assertEquals(1, after.delta(before, "wsingest_uploads_started_total", "a"));
        assertEquals(1, after.delta(before, "wsingest_uploads_resumed_total", "a"));
        assertEquals(1, after.delta(before, "wsingest_uploads_completed_total", "a"));
        assertEquals(0, after.delta(before, "wsingest_uploads_failed_total", "a"));
        assertEquals(sent, after.delta(before, "wsingest_received_bytes_total", "a"));
        assertEquals(received, after.delta(before, "wsingest_sent_bytes_total", "a"));
        assertEquals(0, after.value("wsingest_uploads_not_durable_bytes", "a"));
    }

    @Test
    void protocolBCountsAStoredFileAndAnAbandonedOne() throws Exception {
        String user = Unique.name("metrics-b-");
        byte[] content = UploadFixtures.content(300_000, 2);
        MetricsScrape before = MetricsScrape.of(server());

        long sent;
        long received;
        try (GalileoClient stored = galileo(user); GalileoClient abandoned = galileo(user)) {
            JsonObject end = stored.sendLikeTheBrowser("stored.bin", content, GalileoClient.FINISHED);
            assertTrue(end.getBoolean("close", false), end::toString);
            stored.awaitClose();
            abandoned.sendMetadata("abandoned.bin", content.length);
            abandoned.awaitReady();
            abandoned.sendChunk(content, 0, 1000);
            abandoned.awaitReady();
            abandoned.close();
            sent = stored.ws().bytesSent() + abandoned.ws().bytesSent();
            received = stored.ws().bytesReceived() + abandoned.ws().bytesReceived();
        }

        MetricsScrape after = MetricsScrape.awaitDelta(server(), before, "wsingest_uploads_failed_total", "b", 1);
        after = MetricsScrape.awaitDelta(server(), before, "wsingest_connections_open", "b", 0);
        assertEquals(2, after.delta(before, "wsingest_connections_opened_total", "b"));
        assertEquals(2, after.delta(before, "wsingest_uploads_started_total", "b"));
        assertEquals(1, after.delta(before, "wsingest_uploads_completed_total", "b"));
        assertEquals(0, after.delta(before, "wsingest_uploads_resumed_total", "b"));
        assertEquals(sent, after.delta(before, "wsingest_received_bytes_total", "b"));
        assertEquals(received, after.delta(before, "wsingest_sent_bytes_total", "b"));
    }

    private GalileoClient galileo(String user) throws Exception {
        return new GalileoClient(WsClient.connect(server().ws("ws/galileo", TestServer.token(user))));
    }

    @Test
    void protocolCCountsAStreamItsResumeAndAFailedCheck() throws Exception {
        String user = Unique.name("metrics-c-");
        int buffer = 65536;
        byte[] data = UploadFixtures.content((3 << 20) + 5, 3);
        MetricsScrape before = MetricsScrape.of(server());

        long sent = 0;
        long received = 0;
        String key;
        try (StreamTestClient first = stream(user)) {
            JsonObject accepted = first.request(Map.of("route", "/upload-file", "x-stream", data.length + ":" + buffer,
                    "data-format", "bytes", "file-name", "metrics.bin"));
            key = StreamTestClient.header(accepted, "x-stream-key");
            first.sendData(data, 0, 2 << 20, buffer);
            // A request answered after the data: every message before it has been taken.
            first.request(Map.of("route", "/files"));
            sent += first.ws().bytesSent();
            received += first.ws().bytesReceived();
        }
        try (StreamTestClient second = stream(user)) {
            JsonObject resumed = second.request(Map.of("route", "/upload-file", "x-stream", data.length + ":" + buffer,
                    "x-stream-key", key, "data-format", "bytes"));
            long offset = Long.parseLong(StreamTestClient.header(resumed, "x-stream-offset"));
            second.sendData(data, (int) offset, data.length, buffer);
            StreamTestClient.assertStatus("0", second.next());
            byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
            second.request(Map.of("route", "/upload-file", "x-stream", notJson.length + ":" + buffer,
                    "data-format", "json"));
            second.sendData(notJson, 0, notJson.length, buffer);
            StreamTestClient.assertStatus("6", second.next()); // the format check failed
            sent += second.ws().bytesSent();
            received += second.ws().bytesReceived();
        }

        MetricsScrape after = MetricsScrape.awaitDelta(server(), before, "wsingest_connections_open", "c", 0);
        assertEquals(2, after.delta(before, "wsingest_connections_opened_total", "c"));
        assertEquals(2, after.delta(before, "wsingest_uploads_started_total", "c"));
        assertEquals(1, after.delta(before, "wsingest_uploads_resumed_total", "c"));
        assertEquals(1, after.delta(before, "wsingest_uploads_completed_total", "c"));
        assertEquals(1, after.delta(before, "wsingest_uploads_failed_total", "c"));
        assertEquals(sent, after.delta(before, "wsingest_received_bytes_total", "c"));
        assertEquals(received, after.delta(before, "wsingest_sent_bytes_total", "c"));
        assertEquals(0, after.value("wsingest_uploads_not_durable_bytes", "c"));
    }

    private StreamTestClient stream(String user) throws Exception {
        return StreamTestClient.connect(server().ws("ws/stream", TestServer.token(user)));
    }

    @Test
    void protocolDCountsACreateItsEventsAndItsOcrJob() throws Exception {
        String user = Unique.name("metrics-d-");
        byte[] page = TestImages.encode(TextPages.page(TextPages.THREE_PARAGRAPHS.subList(0, 1), 4), "png");
        MetricsScrape before = MetricsScrape.of(server());

        long sent;
        long received;
        int heardByTheOther = 0;
        int statusesOfTheCreator;
        try (UploadApiClient creator = UploadApiClient.connect(server(), "ws/core/upload/", user);
             UploadApiClient other = UploadApiClient.connect(server(), "ws/core/upload/", user)) {
            // A command answered: the other socket is registered for events before the create.
            other.command("{\"type\":\"list\"}", "Upload.list");
            String id = creator.create(page).getJsonObject("instance").getString("id");
            // Its progress events, and the two status changes (processing, processed) published with the instance.
            statusesOfTheCreator = creator.statusUntilFinal(id).size() + 2;
            // The other socket hears every event, the created one included.
            while (true) {
                JsonObject event = other.next();
                heardByTheOther++;
                if (event.getString("type").equals("Upload.status") && !UploadApiClient.isStatusChange(event)
                        && !event.getString("status").equals("processing")) {
                    break;
                }
            }
            sent = creator.ws().bytesSent() + other.ws().bytesSent();
            received = creator.ws().bytesReceived() + other.ws().bytesReceived();
        }

        MetricsScrape after = MetricsScrape.awaitDelta(server(), before, "wsingest_ocr_job_duration_seconds_count",
                null, 1);
        after = MetricsScrape.awaitDelta(server(), before, "wsingest_connections_open", "d", 0);
        assertEquals(2, after.delta(before, "wsingest_connections_opened_total", "d"));
        assertEquals(1, after.delta(before, "wsingest_uploads_started_total", "d"));
        assertEquals(1, after.delta(before, "wsingest_uploads_completed_total", "d"));
        assertEquals(0, after.delta(before, "wsingest_uploads_failed_total", "d"));
        assertEquals(sent, after.delta(before, "wsingest_received_bytes_total", "d"));
        assertEquals(received, after.delta(before, "wsingest_sent_bytes_total", "d"));
        assertEquals(heardByTheOther, after.delta(before, "wsingest_events_published_total", null));
        assertEquals(heardByTheOther + statusesOfTheCreator, after.delta(before, "wsingest_events_delivered_total",
                null));
        assertEquals(0, after.delta(before, "wsingest_events_dropped_total", null));
        assertEquals(1, after.delta(before, "wsingest_ocr_first_line_seconds_count", null));
        assertEquals(0, after.value("wsingest_ocr_jobs_running"));
        assertEquals(0, after.value("wsingest_ocr_jobs_waiting"));
    }

    /**
     * A second socket of the user stops reading while the first corrects the upload's text again and again: each
     * correction is one event for the second socket (not for the first, which has its reply), taken into its outbound
     * queue until the queue is full, then dropped. The test stops at the first drop.
     */
    @Test
    void protocolDCountsAnEventASocketThatDoesNotReadCouldNotTake() throws Exception {
        String user = Unique.name("metrics-drop-");
        byte[] page = TestImages.encode(TextPages.page(TextPages.THREE_PARAGRAPHS.subList(0, 1), 4), "png");
        try (UploadApiClient editor = UploadApiClient.connect(server(), "ws/core/upload/", user)) {
            String id = editor.create(page).getJsonObject("instance").getString("id");
            assertEquals("processed", editor.finalStatus(id).getString("status"));
            int corrections = 0;
            MetricsScrape before;
            MetricsScrape now;
            try (RawWebSocket stalled = RawWebSocket.connect(server().ws("ws/core/upload/", TestServer.token(user)),
                    STALLED_RECEIVE_BUFFER)) {
                // Answered: the socket is registered for events. From here on it reads nothing.
                stalled.sendText("{\"type\":\"subscribe\"}");
                assertTrue(stalled.awaitText().contains("\"subscribed\""));
                before = MetricsScrape.of(server());
                do {
                    assertTrue(corrections < MAX_CORRECTIONS, "no event dropped after " + corrections + " corrections");
                    editor.command(correction(id, corrections), "Upload.updated");
                    int events = ++corrections;
                    now = MetricsScrape.until(server(), scrape -> eventsHandedToSockets(scrape, before) == events);
                    assertEquals(events, eventsHandedToSockets(now, before), "every correction reached the socket");
                } while (now.delta(before, "wsingest_events_dropped_total", null) == 0);
                stalled.abort();
            }
            MetricsScrape after = MetricsScrape.awaitDelta(server(), before, "wsingest_connections_open", "d", -1);
            assertEquals(1, after.delta(before, "wsingest_events_dropped_total", null));
            assertEquals(corrections - 1, after.delta(before, "wsingest_events_delivered_total", null));
            assertEquals(corrections, after.delta(before, "wsingest_events_published_total", null));
        }
    }

    private static double eventsHandedToSockets(MetricsScrape now, MetricsScrape before) {
        return now.delta(before, "wsingest_events_delivered_total", null)
                + now.delta(before, "wsingest_events_dropped_total", null);
    }

    /** An update of the processed text, each different from the one before. */
    private static String correction(String id, int round) {
        String text = Integer.toString(round).repeat(CORRECTION_CHARS / Integer.toString(round).length());
        return "{\"type\":\"update\",\"instance_id\":\"" + id + "\",\"data\":{\"processed_text\":\"" + text + "\"}}";
    }

    @Test
    void protocolECountsTheRelaysConnectionsAndChunks() throws Exception {
        String channel = LiveClients.channel("metrics");
        MetricsScrape before = MetricsScrape.of(server());

        try (WsClient receiver = LiveClients.connect(server(), channel, "k", "receive")) {
            MetricsScrape waiting = MetricsScrape.awaitDelta(server(), before, "wsingest_live_receivers", null, 1);
            assertEquals(1, waiting.delta(before, "wsingest_live_channels", null));
            try (WsClient publisher = LiveClients.connect(server(), channel, "k", "publish")) {
                publisher.sendBinary(LiveClients.chunk("hello"));
                publisher.sendBinary(LiveClients.chunk("live world"));
                assertEquals("hello", LiveClients.nextChunk(receiver));
                assertEquals("live world", LiveClients.nextChunk(receiver));
            }
            receiver.awaitClose();
        }

        MetricsScrape after = MetricsScrape.awaitDelta(server(), before, "wsingest_connections_open", "e", 0);
        assertEquals(2, after.delta(before, "wsingest_connections_opened_total", "e"));
        assertEquals(15, after.delta(before, "wsingest_received_bytes_total", "e"));
        assertEquals(15, after.delta(before, "wsingest_sent_bytes_total", "e"));
        assertEquals(0, after.delta(before, "wsingest_live_receivers_cut_off_total", null));
        // The channel is gone, and its cache with it.
        after = MetricsScrape.awaitDelta(server(), before, "wsingest_live_channels", null, 0);
        assertEquals(0, after.delta(before, "wsingest_live_receivers", null));
        assertEquals(0, after.delta(before, "wsingest_live_cache_bytes", null));
        assertTrue(after.value("wsingest_live_cache_budget_bytes") > 0);
    }

    /**
     * A receiver that stops reading is cut off once its queue is full, and counted once, while its publisher goes on.
     */
    @Test
    void protocolECountsAReceiverCutOffForNotReading() throws Exception {
        String channel = LiveClients.channel("metrics-stalled");
        MetricsScrape before = MetricsScrape.of(server());
        int sent = 0;
        try (RawWebSocket stalled = RawWebSocket.connect(server().ws(channel + "/k/receive"), STALLED_RECEIVE_BUFFER)) {
            MetricsScrape.awaitDelta(server(), before, "wsingest_live_receivers", null, 1);
            try (WsClient publisher = LiveClients.connect(server(), channel, "k", "publish")) {
                ByteBuffer chunk = ByteBuffer.allocate(LIVE_CHUNK);
                MetricsScrape now = before;
                while (now.delta(before, "wsingest_live_receivers_cut_off_total", null) == 0) {
                    assertTrue(sent < MAX_LIVE_CHUNKS, "not cut off after " + sent + " chunks of " + LIVE_CHUNK);
                    publisher.sendBinary(chunk.duplicate());
                    if (++sent % 16 == 0) {
                        now = MetricsScrape.of(server());
                    }
                }
                CloseReason cut = stalled.awaitClose();
                assertEquals(LiveClose.RECEIVER_TOO_SLOW.code() + " " + LiveClose.RECEIVER_TOO_SLOW.reason(),
                        cut.getCloseCode().getCode() + " " + cut.getReasonPhrase());
                publisher.sendBinary(chunk.duplicate());
                sent++;
            }
        }

        MetricsScrape after = MetricsScrape.awaitDelta(server(), before, "wsingest_connections_open", "e", 0);
        assertEquals(1, after.delta(before, "wsingest_live_receivers_cut_off_total", null));
        assertEquals(2, after.delta(before, "wsingest_connections_opened_total", "e"));
        assertEquals((long) sent * LIVE_CHUNK, after.delta(before, "wsingest_received_bytes_total", "e"));
    }

    @Test
    void diskFiguresAreTheStoresFreeSpaceAndItsReserve() throws Exception {
        MetricsScrape scrape = MetricsScrape.of(server());
        assertTrue(scrape.value("wsingest_disk_free_bytes") > 0);
        assertEquals(512 << 20, scrape.value("wsingest_disk_reserve_bytes"));
    }

    @Test
    void onlyTheConfiguredAddressScrapesWithoutAToken() throws Exception {
        assertTrue(rawGet(SCRAPER, "/api/metrics").startsWith("HTTP/1.1 200"));
        String refused = rawGet("127.0.0.1", "/api/metrics");
        assertTrue(refused.startsWith("HTTP/1.1 401"), refused);
        assertTrue(refused.toLowerCase(java.util.Locale.ROOT).contains("www-authenticate: bearer"), refused);

        assertEquals(403, server().get("api/metrics", TestServer.token("not-an-admin")).statusCode());
        assertEquals(401, server().get("api/metrics", "not-a-token").statusCode());
        assertEquals(403, server().get("api/metrics/values", TestServer.token("not-an-admin")).statusCode());
        assertEquals(200, server().get("api/metrics", TestServer.adminToken("root")).statusCode());
    }

    @Test
    void theOperatorPagesJsonHasEveryFigure() throws Exception {
        var response = server().get("api/metrics/values", TestServer.adminToken("root"));
        assertEquals(200, response.statusCode(), response.body());
        JsonObject opened = Json.object(response.body()).getJsonArray("meters").stream()
                .map(v -> v.asJsonObject())
                .filter(m -> m.getString("name").equals("wsingest_connections_opened_total")
                        && "a".equals(m.getJsonObject("tags").getString("protocol", null)))
                .findFirst().orElseThrow();
        assertEquals("counter", opened.getString("type"));
        assertEquals(MetricsScrape.of(server()).value("wsingest_connections_opened_total", "a"),
                opened.getJsonNumber("value").doubleValue());
    }

    @Test
    void jmxShowsTheSameFiguresBesideTheOlderMBeans() throws Exception {
        String user = Unique.name("metrics-jmx-");
        try (GalileoClient client = galileo(user)) {
            client.sendLikeTheBrowser("jmx.bin", new byte[10], GalileoClient.FINISHED);
            client.awaitClose();
        }
        MetricsScrape scrape = MetricsScrape.of(server());
        JsonObject mbeans = jmx("io.wsingest.metrics:*");
        String completed = mbeans.keySet().stream().filter(name -> name.contains("wsingestUploadsCompleted.protocol.b"))
                .findFirst().orElseThrow(() -> new AssertionError(mbeans.keySet().toString()));
        assertEquals((long) scrape.value("wsingest_uploads_completed_total", "b"),
                (long) Double.parseDouble(mbeans.getString(completed)));
        assertEquals(1, jmx("io.wsingest:type=LiveRelay").size());
        assertEquals(1, jmx("io.wsingest:type=Ocr").size());
    }

    private JsonObject jmx(String pattern) throws Exception {
        var response = server().get("test/jmx?pattern=" + java.net.URLEncoder.encode(pattern, StandardCharsets.UTF_8),
                null);
        assertEquals(200, response.statusCode(), response.body());
        return Json.object(response.body());
    }

    /** A GET from a chosen local address (the JDK's HTTP client cannot bind one): the status line and headers. */
    private String rawGet(String from, String path) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", url.getPort()), 10_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + url.getPort() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
