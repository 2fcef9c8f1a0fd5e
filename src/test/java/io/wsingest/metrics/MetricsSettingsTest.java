package io.wsingest.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;

class MetricsSettingsTest {

    private static MetricsSettings read(Map<String, String> values) {
        return MetricsSettings.from(new ConfigReader(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void countsAndLetsOnlyLoopbackScrapeWithoutATokenByDefault() {
        MetricsSettings settings = read(Map.of());
        assertTrue(settings.enabled());
        assertTrue(settings.allowedAddresses().contains("127.0.0.1"));
        assertTrue(settings.allowedAddresses().contains("::1"));
        assertFalse(settings.allowedAddresses().contains("10.0.0.5"));
    }

    @Test
    void anEmptyListLetsNoAddressScrapeWithoutAToken() {
        MetricsSettings settings = read(Map.of("wsingest.metrics.allowed-addresses", ","));
        assertFalse(settings.allowedAddresses().contains("127.0.0.1"));
    }

    @Test
    void aBadRangeNamesTheKey() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.metrics.allowed-addresses", "10.0.0.0/99")));
        assertEquals("wsingest.metrics.allowed-addresses", e.key());
    }

    @Test
    void offRegistersNothingAndServesNothing() {
        Metrics metrics = new Metrics();
        metrics.settings = read(Map.of("wsingest.metrics.enabled", "false"));
        metrics.start();

        metrics.protocol(Protocol.A).received(100);
        metrics.gauge(Meter.DISK_FREE_BYTES, () -> {
            throw new AssertionError("a gauge is never read when metrics are off");
        });

        assertFalse(metrics.enabled());
        assertEquals(Optional.empty(), metrics.prometheusText());
        assertEquals(0, metrics.value(Meter.RECEIVED_BYTES, Protocol.A));
        assertTrue(metrics.readings().isEmpty());
        metrics.stop();
    }
}
