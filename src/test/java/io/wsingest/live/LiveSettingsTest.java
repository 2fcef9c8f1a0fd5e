package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wsingest.config.InvalidSettingException;

class LiveSettingsTest {

    @Test
    void defaultsFollowTheOriginalServer() {
        LiveSettings s = LiveFixture.settings(Map.of());
        assertEquals(128, s.maxNameLength());
        assertEquals(KeyMode.OPEN, s.keyMode());
        assertEquals(Duration.ofSeconds(20), s.heartbeat());
        assertEquals(Duration.ofSeconds(60), s.idleTimeout());
        assertEquals(256L << 20, s.gopCacheBytes());
        assertEquals(8L << 20, s.receiverQueueBytes());
        assertEquals(4L << 20, s.maxChunkBytes());
        assertEquals(Duration.ofMillis(2000), s.callbackTimeout());
        assertEquals(3, s.callbackEndAttempts());
        assertEquals(64, s.maxConnectionsPerIp());
        assertEquals(LiveFixture.HEAP / 4, s.gopCacheBudgetBytes());
        assertEquals(1000, s.maxChannels());
        assertTrue(s.receiveWhitelist().isEmpty());
        assertTrue(s.connectionLimitExempt().isEmpty());
    }

    @Test
    void readsEverySetting() {
        LiveSettings s = LiveFixture.settings(Map.ofEntries(
                Map.entry(LiveSettings.MAX_NAME_LENGTH, "64"),
                Map.entry(LiveSettings.KEY_MODE, "callback"),
                Map.entry(LiveSettings.CALLBACK_URL, "https://coordinator.example/live?secret=x"),
                Map.entry(LiveSettings.CALLBACK_TIMEOUT_MILLIS, "500"),
                Map.entry(LiveSettings.HEARTBEAT_SECONDS, "5"),
                Map.entry(LiveSettings.IDLE_TIMEOUT_SECONDS, "0"),
                Map.entry(LiveSettings.GOP_CACHE_BYTES, "0"),
                Map.entry(LiveSettings.GOP_CACHE_BUDGET_BYTES, "100MiB"),
                Map.entry(LiveSettings.MAX_CHANNELS, "20"),
                Map.entry(LiveSettings.CALLBACK_END_ATTEMPTS, "5"),
                Map.entry(LiveSettings.RECEIVER_QUEUE_BYTES, "1MiB"),
                Map.entry(LiveSettings.MAX_CHUNK_BYTES, "64KiB"),
                Map.entry(LiveSettings.MAX_CONNECTIONS_PER_IP, "4"),
                Map.entry(LiveSettings.CONNECTION_LIMIT_EXEMPT, "127.0.0.1, 10.0.0.0/8"),
                Map.entry(LiveSettings.RECEIVE_WHITELIST, "::1,192.168.0.0/16")));
        assertEquals(64, s.maxNameLength());
        assertEquals(KeyMode.CALLBACK, s.keyMode());
        assertEquals("coordinator.example", s.callbackUrl().orElseThrow().getHost());
        assertEquals(Duration.ofMillis(500), s.callbackTimeout());
        assertEquals(5, s.callbackEndAttempts());
        assertEquals(Duration.ofSeconds(5), s.heartbeat());
        assertFalse(s.closesIdleConnections());
        assertEquals(0, s.gopCacheBytes());
        assertEquals(100L << 20, s.gopCacheBudgetBytes());
        assertEquals(20, s.maxChannels());
        assertEquals(1L << 20, s.receiverQueueBytes());
        assertEquals(64L << 10, s.maxChunkBytes());
        assertEquals(4, s.maxConnectionsPerIp());
        assertTrue(s.connectionLimitExempt().contains("10.9.8.7"));
        assertTrue(s.receiveWhitelist().contains("192.168.1.1"));
        assertFalse(s.toString().contains("secret"), "the log never shows the callback's query");
    }

    @Test
    void theCacheBudgetIsNeverMoreThanAQuarterOfTheHeap() {
        LiveSettings s = LiveFixture.settings(Map.of(LiveSettings.GOP_CACHE_BUDGET_BYTES, "2GiB"));
        assertEquals(LiveFixture.HEAP / 4, s.gopCacheBudgetBytes());
        assertEquals(0, LiveFixture.settings(Map.of(LiveSettings.GOP_CACHE_BUDGET_BYTES, "0")).gopCacheBudgetBytes());
    }

    @Test
    void callbackModeNeedsAUrl() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> LiveFixture.settings(Map.of(LiveSettings.KEY_MODE, "callback")));
        assertEquals(LiveSettings.CALLBACK_URL, e.key());
        assertThrows(InvalidSettingException.class, () -> LiveFixture.settings(Map.of(
                LiveSettings.KEY_MODE, "callback", LiveSettings.CALLBACK_URL, "ftp://coordinator/")));
        assertThrows(InvalidSettingException.class, () -> LiveFixture.settings(Map.of(
                LiveSettings.KEY_MODE, "callback", LiveSettings.CALLBACK_URL, "/relative")));
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        assertEquals(LiveSettings.KEY_MODE, assertThrows(InvalidSettingException.class,
                () -> LiveFixture.settings(Map.of(LiveSettings.KEY_MODE, "jwt"))).key());
        assertEquals(LiveSettings.RECEIVE_WHITELIST, assertThrows(InvalidSettingException.class,
                () -> LiveFixture.settings(Map.of(LiveSettings.RECEIVE_WHITELIST, "intranet.example"))).key());
        assertEquals(LiveSettings.MAX_CHUNK_BYTES, assertThrows(InvalidSettingException.class,
                () -> LiveFixture.settings(Map.of(LiveSettings.RECEIVER_QUEUE_BYTES, "1MiB",
                        LiveSettings.MAX_CHUNK_BYTES, "2MiB"))).key());
        assertEquals(LiveSettings.HEARTBEAT_SECONDS, assertThrows(InvalidSettingException.class,
                () -> LiveFixture.settings(Map.of(LiveSettings.HEARTBEAT_SECONDS, "0"))).key());
        assertEquals(LiveSettings.MAX_CHANNELS, assertThrows(InvalidSettingException.class,
                () -> LiveFixture.settings(Map.of(LiveSettings.MAX_CHANNELS, "0"))).key());
        assertEquals(LiveSettings.MAX_NAME_LENGTH, assertThrows(InvalidSettingException.class,
                () -> LiveFixture.settings(Map.of(LiveSettings.MAX_NAME_LENGTH, "256"))).key());
    }
}
