package io.wsingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wsingest.auth.AuthConfiguration;
import io.wsingest.auth.TokenVerifier;
import io.wsingest.storage.StorageConfiguration;
import io.wsingest.storage.StorageSettings;

/** Settings are checked when the CDI container starts, as in the server: a bad value stops it, naming the key. */
class SettingsValidationTest {

    /** Stands in for MicroProfile Config, and notes what is read as {@link ConfigReaderProducer} does. */
    @ApplicationScoped
    public static class MapConfig {
        static final Map<String, String> VALUES = new HashMap<>();

        @Produces
        @Singleton
        EffectiveSettings effective() {
            return new EffectiveSettings();
        }

        @Produces
        ConfigReader reader(EffectiveSettings effective) {
            return new ConfigReader(key -> Optional.ofNullable(VALUES.get(key)), effective::record);
        }
    }

    @TempDir
    java.nio.file.Path storageDir;

    private WeldContainer container;

    @AfterEach
    void stop() {
        MapConfig.VALUES.clear();
        if (container != null) {
            container.shutdown();
        }
    }

    private WeldContainer start() {
        MapConfig.VALUES.putIfAbsent("wsingest.storage.dir", storageDir.toString());
        return new Weld().disableDiscovery()
                .addBeanClasses(MapConfig.class, SettingsValidation.class, AuthConfiguration.class,
                        StorageConfiguration.class)
                .initialize();
    }

    @Test
    void startsWithValidSettings() {
        MapConfig.VALUES.put("wsingest.storage.min-free-bytes", "0");
        container = start();
        assertEquals(0, container.select(StorageSettings.class).get().minFreeBytes());
        container.select(TokenVerifier.class).get();
    }

    @Test
    void theEffectiveSettingsAreKnownOnceStarted() {
        MapConfig.VALUES.put("wsingest.storage.min-free-bytes", "0");
        container = start();
        String described = container.select(EffectiveSettings.class).get().describe();
        assertTrue(described.contains("; wsingest.storage.min-free-bytes = 0;"), described);
        assertTrue(described.contains("wsingest.jwt.clock-skew-seconds = 30 (default);"), described);
    }

    @Test
    void refusesToStartWithAnInvalidValueNamingTheKey() {
        MapConfig.VALUES.put("wsingest.jwt.clock-skew-seconds", "forever");
        Exception e = assertThrows(Exception.class, () -> container = start());
        Throwable cause = e;
        while (!(cause instanceof InvalidSettingException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof InvalidSettingException, "caused by an invalid setting: " + e);
        assertEquals("wsingest.jwt.clock-skew-seconds", ((InvalidSettingException) cause).key());
    }
}
