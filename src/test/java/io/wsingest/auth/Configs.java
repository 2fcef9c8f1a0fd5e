package io.wsingest.auth;

import java.util.Map;
import java.util.Optional;

import io.wsingest.config.ConfigReader;

/** Settings from a plain map, as the server would read them from MicroProfile Config. */
final class Configs {

    private Configs() {
    }

    static ConfigReader reader(Map<String, String> values) {
        return new ConfigReader(key -> Optional.ofNullable(values.get(key)));
    }

    static JwtSettings jwt(Map<String, String> values) {
        return JwtSettings.from(reader(values));
    }
}
