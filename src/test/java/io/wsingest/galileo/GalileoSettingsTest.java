package io.wsingest.galileo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;

class GalileoSettingsTest {

    private static GalileoSettings read(Map<String, String> values) {
        return GalileoSettings.from(new ConfigReader(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void defaultsToQuarterMebibyteChunksTenGibibyteFilesTwoMinutesIdleAndOneMebibyteWrittenBehind() {
        GalileoSettings s = read(Map.of());

        assertEquals(262_144, s.chunkSize());
        assertEquals(10L << 30, s.maxFileSize());
        assertEquals(Duration.ofSeconds(120), s.idleTimeout());
        assertEquals(1 << 20, s.writeBehindBytes());
    }

    @Test
    void readsConfiguredValuesWithUnits() {
        GalileoSettings s = read(Map.of(
                "wsingest.galileo.chunk-size", "1MiB",
                "wsingest.galileo.max-file-size", "2GiB",
                "wsingest.galileo.idle-timeout-seconds", "0",
                "wsingest.galileo.write-behind-bytes", "0"));

        assertEquals(1 << 20, s.chunkSize());
        assertEquals(2L << 30, s.maxFileSize());
        assertEquals(Duration.ZERO, s.idleTimeout());
        assertEquals(0, s.writeBehindBytes());
    }

    @ParameterizedTest
    @CsvSource({
            "wsingest.galileo.chunk-size, 0",
            "wsingest.galileo.chunk-size, 17MiB",
            "wsingest.galileo.max-file-size, -1",
            "wsingest.galileo.max-file-size, lots",
            "wsingest.galileo.idle-timeout-seconds, -5",
            "wsingest.galileo.write-behind-bytes, -1",
            "wsingest.galileo.write-behind-bytes, 2GiB"})
    void rejectsInvalidValuesNamingTheKey(String key, String value) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(Map.of(key, value)));

        assertEquals(key, e.key());
    }
}
