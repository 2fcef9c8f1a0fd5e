package io.wsingest.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;

class UploadSettingsTest {

    private static UploadSettings read(Map<String, String> values) {
        return UploadSettings.from(new ConfigReader(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void defaultsFollowTheDesign() {
        UploadSettings s = read(Map.of());
        assertEquals(32768, s.bufferSize());
        assertEquals(32758, s.maxDataBytes());
        assertEquals(FrameByteOrder.LITTLE_ENDIAN, s.byteOrder());
        assertEquals(Duration.ofSeconds(5), s.heartbeat());
        assertEquals(Duration.ofSeconds(60), s.idleTimeout());
        assertEquals(Duration.ofHours(24), s.restoreWindow());
    }

    @Test
    void readsEverySetting() {
        UploadSettings s = read(Map.of(
                "wsingest.upload.buffer-size", "4096",
                "wsingest.upload.byte-order", "big-endian",
                "wsingest.upload.heartbeat-seconds", "2",
                "wsingest.upload.idle-timeout-seconds", "30",
                "wsingest.upload.restore-window-seconds", "3600",
                "wsingest.upload.max-file-size", "2GiB"));
        assertEquals(new UploadSettings(4096, FrameByteOrder.BIG_ENDIAN, Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofHours(1), 2L << 30), s);
    }

    @Test
    void bufferSizeCannotExceedWhatAnInt16CountAnnounces() {
        assertEquals(32777, read(Map.of("wsingest.upload.buffer-size", "32777")).bufferSize());
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.upload.buffer-size", "32778")));
        assertEquals("wsingest.upload.buffer-size", e.key());
    }

    @Test
    void rejectsAnUnknownByteOrder() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("wsingest.upload.byte-order", "middle-endian")));
        assertEquals("wsingest.upload.byte-order", e.key());
    }

    @Test
    void restoreWindowMustOutlastTheIdleTimeout() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(Map.of(
                "wsingest.upload.idle-timeout-seconds", "600",
                "wsingest.upload.restore-window-seconds", "600")));
        assertEquals("wsingest.upload.restore-window-seconds", e.key());
    }
}
