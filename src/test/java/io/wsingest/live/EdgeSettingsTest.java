package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;

class EdgeSettingsTest {

    private static EdgeSettings read(Map<String, String> values) {
        return EdgeSettings.from(new ConfigReader(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void offWithoutANodeUrl() {
        assertFalse(read(Map.of(EdgeSettings.PASSWORD, "secret")).enabled());
    }

    @Test
    void onWithANodeUrlAndThePassword() {
        EdgeSettings settings = read(Map.of(EdgeSettings.NODE_URL, "WS://10.0.0.1:8080/",
                EdgeSettings.PASSWORD, "secret"));
        assertTrue(settings.enabled());
        assertEquals(URI.create("ws://10.0.0.1:8080"), settings.nodeUrl().orElseThrow());
        assertFalse(settings.toString().contains("secret"));
    }

    @Test
    void aNodeUrlNeedsThePassword() {
        assertThrows(InvalidSettingException.class, () -> read(Map.of(EdgeSettings.NODE_URL, "ws://10.0.0.1:8080")));
    }

    @Test
    void aNodeUrlIsAWebSocketBaseAddress() {
        for (String bad : new String[] {"http://10.0.0.1:8080", "ws://10.0.0.1:8080/app", "ws:///x", "10.0.0.1",
                "ws://10.0.0.1:8080?a=b"}) {
            assertThrows(InvalidSettingException.class,
                    () -> read(Map.of(EdgeSettings.NODE_URL, bad, EdgeSettings.PASSWORD, "secret")), bad);
        }
    }
}
