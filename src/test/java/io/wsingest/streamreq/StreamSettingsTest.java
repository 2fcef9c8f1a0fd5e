package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;

class StreamSettingsTest {

    private static StreamSettings read(Map<String, String> values) {
        return StreamSettings.from(new ConfigReader(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void defaults() {
        assertEquals(new StreamSettings(65536, 10L << 30, 8L << 20, Duration.ofDays(1), 8 << 20,
                        Duration.ofMinutes(2), 32 << 10),
                read(Map.of()));
        assertEquals(128 << 10, read(Map.of()).maxPacketChars());
    }

    @Test
    void readsEverySetting() {
        StreamSettings s = read(Map.of(
                "wsingest.stream.max-buffer", "1MiB",
                "wsingest.stream.max-total-bytes", "2GiB",
                "wsingest.stream.checkpoint-bytes", "1MiB",
                "wsingest.stream.key-ttl-seconds", "3600",
                "wsingest.stream.json-max-value-chars", "65536",
                "wsingest.stream.idle-timeout-seconds", "30",
                "wsingest.stream.inline-max-bytes", "1MiB"));

        assertEquals(new StreamSettings(1 << 20, 2L << 30, 1L << 20, Duration.ofHours(1), 65536,
                Duration.ofSeconds(30), 1 << 20), s);
        assertEquals((64 << 10) + (2 << 20), s.maxPacketChars());
        assertEquals(new Negotiation.Limits(1 << 20, 2L << 30), s.limits());
    }

    @Test
    void refusesValuesOutOfRangeNamingTheKey() {
        assertEquals("wsingest.stream.max-buffer", assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.stream.max-buffer", "32MiB"))).key());
        assertEquals("wsingest.stream.checkpoint-bytes", assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.stream.checkpoint-bytes", "1KiB"))).key());
        assertEquals("wsingest.stream.key-ttl-seconds", assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.stream.key-ttl-seconds", "10"))).key());
        assertEquals("wsingest.stream.max-total-bytes", assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.stream.max-total-bytes", "0"))).key());
        assertEquals("wsingest.stream.inline-max-bytes", assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.stream.inline-max-bytes", "2MiB"))).key());
    }
}
