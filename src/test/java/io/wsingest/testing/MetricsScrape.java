package io.wsingest.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One scrape of {@code /api/metrics} (with an administrator's token), read as Prometheus reads it: each series (the
 * name and its labels, exactly as written) and its value.
 */
public record MetricsScrape(Map<String, Double> series) {

    private static final Duration WAIT = Duration.ofSeconds(20);

    public static MetricsScrape of(TestServer server) throws Exception {
        HttpResponse<String> response = server.get("api/metrics", TestServer.adminToken("metrics-reader"));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                response.headers().toString());
        return parse(response.body());
    }

    /** Prometheus' text format: {@code # } comments, then {@code name{labels} value} lines. */
    public static MetricsScrape parse(String text) {
        Map<String, Double> series = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new MetricsScrape(series);
    }

    /** The series' value; the series must be there. */
    public double value(String name, String protocol) {
        String key = protocol == null ? name : name + "{protocol=\"" + protocol + "\"}";
        Double value = series.get(key);
        if (value == null) {
            throw new AssertionError("no series " + key + " in " + series.keySet());
        }
        return value;
    }

    public double value(String name) {
        return value(name, null);
    }

    /** How much a series grew since {@code before}. */
    public double delta(MetricsScrape before, String name, String protocol) {
        return value(name, protocol) - before.value(name, protocol);
    }

    /**
     * Scrapes until the series has grown by {@code expected} since {@code before} (a figure counted after the client
     * has had its answer, such as a connection's close), at most 20 s; asserts the last delta.
     */
    public static MetricsScrape awaitDelta(TestServer server, MetricsScrape before, String name, String protocol,
                                           double expected) throws Exception {
        MetricsScrape now = until(server, scrape -> scrape.delta(before, name, protocol) == expected);
        assertEquals(expected, now.delta(before, name, protocol), name + "{" + protocol + "}");
        return now;
    }

    /** Scrapes until {@code condition} holds, at most 20 s; returns the last scrape, for the caller to assert on. */
    public static MetricsScrape until(TestServer server, Predicate<MetricsScrape> condition) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        MetricsScrape now = of(server);
        while (!condition.test(now) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
            now = of(server);
        }
        return now;
    }
}
