package io.wsingest.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.wsingest.testing.LogRecorder;

class AuthConfigurationTest {

    private LogRecorder log;

    @BeforeEach
    void captureWarnings() {
        log = LogRecorder.of(AuthConfiguration.class);
    }

    @AfterEach
    void releaseLogger() {
        log.close();
    }

    @Test
    void warnsThatDevelopmentModeAcceptsPublishedSecret() {
        new AuthConfiguration().jwtSettings(Configs.reader(Map.of(JwtSettings.DEV_MODE, "true")));

        assertEquals(1, log.at(Level.WARNING).size());
        assertTrue(log.at(Level.WARNING).get(0).getMessage().contains("development mode"), log.at(Level.WARNING).get(0).getMessage());
    }

    @Test
    void warnsThatEveryTokenIsRejectedWithoutKey() {
        new AuthConfiguration().jwtSettings(Configs.reader(Map.of()));

        assertEquals(1, log.at(Level.WARNING).size());
        assertTrue(log.at(Level.WARNING).get(0).getMessage().contains("every token will be rejected"),
                log.at(Level.WARNING).get(0).getMessage());
    }

    @Test
    void doesNotWarnWithConfiguredSecret() {
        new AuthConfiguration().jwtSettings(
                Configs.reader(Map.of(JwtSettings.SECRET, "a-configured-secret-of-enough-length")));

        assertEquals(List.of(), log.at(Level.WARNING));
    }
}
