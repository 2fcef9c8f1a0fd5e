package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;

class StorageSettingsTest {

    private static ConfigReader reader(Map<String, String> values) {
        return new ConfigReader(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaultsToWsIngestUnderTheServerDataDirectory() {
        StorageSettings s = StorageSettings.from(reader(Map.of()), "/opt/wildfly/standalone/data");

        assertEquals(Path.of("/opt/wildfly/standalone/data/ws-ingest"), s.dir());
        assertEquals(512L << 20, s.minFreeBytes());
        assertEquals(Duration.ofHours(1), s.releaseGrace());
        assertEquals(Duration.ofDays(1), s.abandonedAfter());
        assertEquals(10L << 30, s.userQuotaBytes());
    }

    @Test
    void theServerDataDirectoryIsWildFlysOrADataDirectoryInPayarasDomain() {
        assertEquals("/opt/wildfly/standalone/data", StorageSettings.serverDataDir(Map.of(
                "jboss.server.data.dir", "/opt/wildfly/standalone/data")::get));
        assertEquals(Path.of("/opt/payara6/glassfish/domains/domain1/data").toString(), StorageSettings.serverDataDir(
                Map.of("com.sun.aas.instanceRoot", "/opt/payara6/glassfish/domains/domain1")::get));
        assertEquals(null, StorageSettings.serverDataDir(Map.<String, String>of()::get));
    }

    @Test
    void defaultsToLocalDataDirectoryOutsideTheServer() {
        assertEquals(Path.of("data/ws-ingest"), StorageSettings.from(reader(Map.of()), null).dir());
    }

    @Test
    void readsConfiguredDirectoryAndMinimumFreeSpace() {
        StorageSettings s = StorageSettings.from(reader(Map.of(
                "wsingest.storage.dir", "/srv/blobs",
                "wsingest.storage.min-free-bytes", "2GiB")), "/ignored");

        assertEquals(Path.of("/srv/blobs"), s.dir());
        assertEquals(2L << 30, s.minFreeBytes());
    }

    @Test
    void refusesToCallFilesAbandonedAfterLessThanAnHour() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> StorageSettings.from(
                reader(Map.of("wsingest.storage.abandoned-after-seconds", "60")), null));

        assertTrue(e.getMessage().contains("wsingest.storage.abandoned-after-seconds"), e.getMessage());
    }

    @Test
    void rejectsInvalidMinimumFreeSpaceNamingTheKey() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> StorageSettings.from(reader(Map.of("wsingest.storage.min-free-bytes", "-1")), null));

        assertEquals("wsingest.storage.min-free-bytes", e.key());
    }
}
