package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;

class UploadApiSettingsTest {

    private static UploadApiSettings read(Map<String, String> values) {
        return UploadApiSettings.from(new ConfigReader(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void defaults() {
        assertEquals(new UploadApiSettings(1L << 30, 1L << 20, List.of(), 16L << 20, Duration.ofSeconds(300)),
                read(Map.of()));
    }

    @Test
    void readsLimitsWithUnitsAndImportDirectories() {
        UploadApiSettings settings = read(Map.of(
                "wsingest.uploadapi.max-image-bytes", "400MiB",
                "wsingest.uploadapi.max-message-size", "64KiB",
                "wsingest.uploadapi.import-dirs", " /srv/scans , /mnt/inbox/./today ",
                "wsingest.uploadapi.max-outbound-bytes", "1MiB"));
        assertEquals(400L << 20, settings.maxImageBytes());
        assertEquals(64L << 10, settings.maxMessageChars());
        assertEquals(List.of(Path.of("/srv/scans"), Path.of("/mnt/inbox/today")), settings.importDirs());
        assertEquals(1L << 20, settings.maxOutboundBytes());
    }

    @Test
    void refusesRelativeImportDirectories() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.uploadapi.import-dirs", "/srv/scans,scans")));
        assertEquals("wsingest.uploadapi.import-dirs", e.key());
        assertEquals("Invalid value 'scans' for setting wsingest.uploadapi.import-dirs: every entry must be an absolute"
                + " directory path (entries are separated by commas)", e.getMessage());
    }

    @Test
    void refusesATinyMessageLimit() {
        assertThrows(InvalidSettingException.class, () -> read(Map.of("wsingest.uploadapi.max-message-size", "100")));
    }
}
