package io.wsingest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;

class ConnectionSettingsTest {

    private static ConnectionSettings read(Map<String, String> values) {
        return ConnectionSettings.from(new ConfigReader(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void defaults() {
        assertEquals(new ConnectionSettings(32, Duration.ofSeconds(60)), read(Map.of()));
    }

    @Test
    void readsEverySetting() {
        assertEquals(new ConnectionSettings(0, Duration.ZERO), read(Map.of(
                "wsingest.websocket.max-connections-per-user", "0",
                "wsingest.websocket.expiry-grace-seconds", "0")));
    }

    @Test
    void refusesValuesOutOfRangeNamingTheKey() {
        assertEquals("wsingest.websocket.max-connections-per-user", assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.websocket.max-connections-per-user", "-1"))).key());
        assertEquals("wsingest.websocket.expiry-grace-seconds", assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.websocket.expiry-grace-seconds", "86401"))).key());
    }
}
