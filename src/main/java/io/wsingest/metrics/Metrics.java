package io.wsingest.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The application's own meter registry, the same on every server: Prometheus text for {@code /api/metrics} and the
 * platform MBean server (domain {@value #JMX_DOMAIN}) for JConsole, VisualVM and the servers' JMX views. With
 * {@code wsingest.metrics.enabled=false} it holds no registry: every meter is a no-op and no gauge is ever read.
 *
 * <p>Meters are registered only through {@link Meter}, which names and documents each one.
 */
@ApplicationScoped
public class Metrics {

    private static final Logger LOG = Logger.getLogger(Metrics.class.getName());

    /** Where the meters appear in JMX: {@code io.wsingest.metrics:name=…,type=…}. */
    public static final String JMX_DOMAIN = "io.wsingest.metrics";

    /** OCR durations' histogram buckets: from a small image's first line to a job near its time limit. */
    private static final Duration[] OCR_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(120), Duration.ofSeconds(300)};

    @Inject
    MetricsSettings settings;

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private PrometheusMeterRegistry prometheus;
    private JmxMeterRegistry jmx;
    private final Map<Protocol, ProtocolMeters> protocols = new EnumMap<>(Protocol.class);
    private final List<Supplier<Number>> countSources = new CopyOnWriteArrayList<>();

    /** Metrics outside a container (tests, tools): Prometheus text and readings, no JMX. */
    public static Metrics standalone() {
        Metrics metrics = new Metrics();
        metrics.prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.registry.add(metrics.prometheus);
        metrics.createProtocolMeters();
        return metrics;
    }

    @PostConstruct
    void start() {
        if (settings.enabled()) {
            prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            jmx = new JmxMeterRegistry(new JmxConfig() {
                @Override
                public String get(String key) {
                    return null;
                }

                @Override
                public String domain() {
                    return JMX_DOMAIN;
                }
            }, Clock.SYSTEM);
            registry.add(prometheus);
            registry.add(jmx);
        } else {
            LOG.info("Metrics are off (wsingest.metrics.enabled=false): nothing is counted");
        }
        createProtocolMeters();
    }

    private void createProtocolMeters() {
        for (Protocol protocol : Meter.UPLOADS_STARTED.scope().protocols()) {
            protocols.put(protocol, new ProtocolMeters(this, protocol));
        }
    }

    /** Removes the meters from JMX, so that a redeployment registers its own. */
    @PreDestroy
    void stop() {
        registry.close();
        if (jmx != null) {
            jmx.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    public boolean enabled() {
        return prometheus != null;
    }

    /** The meters of a protocol whose connections are counted one by one: A to D. */
    public ProtocolMeters protocol(Protocol protocol) {
        ProtocolMeters meters = protocols.get(protocol);
        if (meters == null) {
            throw new IllegalArgumentException("Protocol " + protocol + " counts its connections itself");
        }
        return meters;
    }

    /** A counter the caller increments. */
    public Counter counter(Meter meter) {
        return counter(meter, null);
    }

    Counter counter(Meter meter, Protocol protocol) {
        return Counter.builder(name(meter, Meter.Kind.COUNTER)).description(meter.description())
                .baseUnit(meter.baseUnit()).tags(tags(meter, protocol)).register(registry);
    }

    /** A gauge read at each scrape; {@code value} must be cheap and thread-safe. */
    public void gauge(Meter meter, Supplier<Number> value) {
        gauge(meter, null, value);
    }

    public void gauge(Meter meter, Protocol protocol, Supplier<Number> value) {
        Gauge.builder(name(meter, Meter.Kind.GAUGE), value).description(meter.description())
                .baseUnit(meter.baseUnit()).tags(tags(meter, protocol)).strongReference(true).register(registry);
    }

    /** A counter kept elsewhere (a figure the code counts anyway), read at each scrape. */
    public void counted(Meter meter, Protocol protocol, Supplier<Number> count) {
        // The registry holds the supplier weakly: kept here for as long as the application runs.
        countSources.add(count);
        FunctionCounter.builder(name(meter, Meter.Kind.COUNTER), count, c -> c.get().doubleValue())
                .description(meter.description()).baseUnit(meter.baseUnit()).tags(tags(meter, protocol))
                .register(registry);
    }

    public void counted(Meter meter, Supplier<Number> count) {
        counted(meter, null, count);
    }

    /** A timer with a histogram of Prometheus buckets. */
    public Timer timer(Meter meter) {
        return Timer.builder(name(meter, Meter.Kind.TIMER)).description(meter.description())
                .serviceLevelObjectives(OCR_BUCKETS).register(registry);
    }

    /** The figures in Prometheus' text format (version 0.0.4); empty when metrics are off. */
    public Optional<String> prometheusText() {
        return prometheus == null ? Optional.empty() : Optional.of(prometheus.scrape());
    }

    /** One meter's value now, for the operator page; {@code value} is null when there is none (a disk not read). */
    public record Reading(String name, String type, Map<String, String> tags, Double value, Long count,
                          Double sum, Double max) {
    }

    /**
     * Every meter's value now, by its Prometheus name: a counter's or a gauge's {@code value}; a timer's
     * {@code count}, {@code sum} and {@code max} in seconds (its {@code value} is the count). None when metrics are off.
     */
    public List<Reading> readings() {
        List<Reading> readings = new ArrayList<>();
        if (!enabled()) {
            // The registry without a child still lists its no-op meters.
            return readings;
        }
        for (Meter meter : Meter.values()) {
            for (io.micrometer.core.instrument.Meter found : registry.find(meter.meterName()).meters()) {
                Map<String, String> tags = new TreeMap<>();
                found.getId().getTags().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
                String type = meter.kind().name().toLowerCase(Locale.ROOT);
                if (found instanceof Timer timer) {
                    readings.add(new Reading(meter.prometheusName(), "histogram", tags, (double) timer.count(),
                            timer.count(), timer.totalTime(TimeUnit.SECONDS), timer.max(TimeUnit.SECONDS)));
                } else {
                    double value = found.measure().iterator().next().getValue();
                    // JSON has no NaN.
                    readings.add(new Reading(meter.prometheusName(), type, tags,
                            Double.isFinite(value) ? value : null, null, null, null));
                }
            }
        }
        return readings;
    }

    /**
     * One meter's value now: a counter's count, a gauge's value, a timer's count; 0 when it is not registered (or
     * metrics are off).
     */
    public double value(Meter meter, Protocol protocol) {
        var search = registry.find(meter.meterName());
        if (protocol != null) {
            search = search.tag(Meter.PROTOCOL_TAG, protocol.tag());
        }
        io.micrometer.core.instrument.Meter found = search.meter();
        if (found == null) {
            return 0;
        }
        return found instanceof Timer timer ? timer.count() : found.measure().iterator().next().getValue();
    }

    public double value(Meter meter) {
        return value(meter, null);
    }

    /** The registry, for tests. */
    MeterRegistry registry() {
        return registry;
    }

    private static String name(Meter meter, Meter.Kind kind) {
        if (meter.kind() != kind) {
            throw new IllegalArgumentException(meter + " is a " + meter.kind() + ", not a " + kind);
        }
        return meter.meterName();
    }

    private static Tags tags(Meter meter, Protocol protocol) {
        boolean tagged = !meter.scope().protocols().isEmpty();
        if (tagged != (protocol != null) || protocol != null && !meter.scope().protocols().contains(protocol)) {
            throw new IllegalArgumentException(meter + " is not counted for protocol " + protocol);
        }
        return protocol == null ? Tags.empty() : Tags.of(Tag.of(Meter.PROTOCOL_TAG, protocol.tag()));
    }
}
