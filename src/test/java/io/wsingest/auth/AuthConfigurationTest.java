package io.wsingest.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthConfigurationTest {

    private final Logger logger = Logger.getLogger(AuthConfiguration.class.getName());
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        logger.addHandler(handler);
    }

    @AfterEach
    void releaseLogger() {
        logger.removeHandler(handler);
    }

    @Test
    void warnsThatDevelopmentModeAcceptsPublishedSecret() {
        new AuthConfiguration().jwtSettings(Configs.reader(Map.of(JwtSettings.DEV_MODE, "true")));

        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).getMessage().contains("development mode"), warnings.get(0).getMessage());
    }

    @Test
    void warnsThatEveryTokenIsRejectedWithoutKey() {
        new AuthConfiguration().jwtSettings(Configs.reader(Map.of()));

        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).getMessage().contains("every token will be rejected"),
                warnings.get(0).getMessage());
    }

    @Test
    void doesNotWarnWithConfiguredSecret() {
        new AuthConfiguration().jwtSettings(
                Configs.reader(Map.of(JwtSettings.SECRET, "a-configured-secret-of-enough-length")));

        assertEquals(List.of(), warnings);
    }
}
