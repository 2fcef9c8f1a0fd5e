package io.wsingest.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.junit.jupiter.api.Test;

/** The registry without a container: what Prometheus reads, under which names. */
class MetricsTest {

    private final Metrics metrics = Metrics.standalone();

    @Test
    void protocolFiguresAreTaggedWithTheProtocolsLetter() {
        ProtocolMeters a = metrics.protocol(Protocol.A);
        a.connectionOpened();
        a.connectionOpened();
        a.connectionClosed();
        a.received(100);
        a.sent(7);
        a.uploadStarted();

        String text = metrics.prometheusText().orElseThrow();
        assertTrue(text.contains("wsingest_connections_open{protocol=\"a\"} 1"), text);
        assertTrue(text.contains("wsingest_connections_opened_total{protocol=\"a\"} 2"), text);
        assertTrue(text.contains("wsingest_received_bytes_total{protocol=\"a\"} 100"), text);
        assertTrue(text.contains("wsingest_sent_bytes_total{protocol=\"a\"} 7"), text);
        assertTrue(text.contains("wsingest_uploads_started_total{protocol=\"a\"} 1"), text);
        assertTrue(text.contains("wsingest_uploads_started_total{protocol=\"b\"} 0"), text);
        assertEquals(1, metrics.value(Meter.CONNECTIONS_OPEN, Protocol.A));
    }

    @Test
    void everyMetersPrometheusNameIsTheOneScraped() {
        // The protocol meters of A to D exist already; the rest are registered as the services do.
        AtomicLong value = new AtomicLong(5);
        for (Meter meter : Meter.values()) {
            switch (meter.scope()) {
                case NONE -> register(meter, null, value);
                case EVERY_PROTOCOL -> register(meter, Protocol.E, value);
                case RESUMABLE_PROTOCOLS -> register(meter, Protocol.C, value);
                case UPLOAD_PROTOCOLS -> { }
            }
        }
        metrics.timer(Meter.OCR_JOB_DURATION).record(Duration.ofMillis(300));

        String text = metrics.prometheusText().orElseThrow();
        for (Meter meter : Meter.values()) {
            String series = meter.kind() == Meter.Kind.TIMER ? meter.prometheusName() + "_bucket"
                    : meter.prometheusName();
            assertTrue(text.contains("\n" + series + "{") || text.contains("\n" + series + " "),
                    meter + " as " + series + " in:\n" + text);
        }
        assertTrue(text.contains("wsingest_ocr_job_duration_seconds_bucket{le=\"0.5\"} 1"), text);
        assertTrue(text.contains("wsingest_ocr_job_duration_seconds_bucket{le=\"0.25\"} 0"), text);
    }

    private void register(Meter meter, Protocol protocol, AtomicLong value) {
        switch (meter.kind()) {
            case GAUGE -> metrics.gauge(meter, protocol, value::get);
            case COUNTER -> metrics.counted(meter, protocol, value::get);
            case TIMER -> metrics.timer(meter);
        }
    }

    @Test
    void aMeterIsCountedOnlyForItsProtocols() {
        assertThrows(IllegalArgumentException.class, () -> metrics.gauge(Meter.UPLOADS_NOT_DURABLE_BYTES, Protocol.B,
                () -> 0));
        assertThrows(IllegalArgumentException.class, () -> metrics.gauge(Meter.UPLOADS_NOT_DURABLE_BYTES, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter(Meter.LIVE_CHANNELS));
        assertThrows(IllegalArgumentException.class, () -> metrics.protocol(Protocol.E));
    }

    @Test
    void readingsGiveEachMetersValueUnderItsPrometheusName() {
        metrics.protocol(Protocol.D).uploadFailed();
        metrics.timer(Meter.OCR_FIRST_LINE).record(Duration.ofMillis(250));

        Metrics.Reading failed = metrics.readings().stream()
                .filter(r -> r.name().equals("wsingest_uploads_failed_total") && "d".equals(r.tags().get("protocol")))
                .findFirst().orElseThrow();
        assertEquals(1.0, failed.value());
        assertEquals("counter", failed.type());
        Metrics.Reading firstLine = metrics.readings().stream()
                .filter(r -> r.name().equals("wsingest_ocr_first_line_seconds")).findFirst().orElseThrow();
        assertEquals("histogram", firstLine.type());
        assertEquals(1L, firstLine.count());
        assertEquals(0.25, firstLine.sum(), 1e-9);
    }

    /** docs/metrics.md is the reference: every metric is in it, under the name Prometheus scrapes. */
    @Test
    void everyMetricIsDocumented() throws IOException {
        String reference = Files.readString(Path.of("docs", "metrics.md"));
        for (Meter meter : Meter.values()) {
            assertTrue(reference.contains("`" + meter.prometheusName() + "`"), meter.prometheusName());
        }
    }

    /** The Grafana dashboard is valid JSON, and some panel queries every metric. */
    @Test
    void everyMetricIsOnTheDashboard() throws IOException {
        String dashboard = Files.readString(Path.of("docs", "grafana-dashboard.json"));
        JsonObject parsed;
        try (JsonReader reader = Json.createReader(new StringReader(dashboard))) {
            parsed = reader.readObject();
        }
        String queries = parsed.getJsonArray("panels").stream()
                .flatMap(panel -> panel.asJsonObject().getJsonArray("targets").stream())
                .map(target -> target.asJsonObject().getString("expr"))
                .reduce("", (all, expr) -> all + "\n" + expr);
        for (Meter meter : Meter.values()) {
            String series = meter.kind() == Meter.Kind.TIMER ? meter.prometheusName() + "_bucket"
                    : meter.prometheusName();
            assertTrue(queries.contains(series + "{"), series);
        }
    }
}

