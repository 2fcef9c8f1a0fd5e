package io.wsingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    private enum Order { LITTLE_ENDIAN, BIG_ENDIAN }

    private static ConfigReader reader(Map<String, String> values) {
        return new ConfigReader(key -> Optional.ofNullable(values.get(key)));
    }

    private static InvalidSettingException invalid(Runnable read) {
        return assertThrows(InvalidSettingException.class, read::run);
    }

    @Test
    void absentAndBlankValuesGiveTheDefault() {
        ConfigReader r = reader(Map.of("k.blank", "  "));
        assertEquals(7, r.intInRange("k.absent", 7, 0, 10));
        assertEquals(7, r.intInRange("k.blank", 7, 0, 10));
        assertEquals("d", r.string("k.blank", "d"));
        assertTrue(r.optionalString("k.blank").isEmpty());
    }

    @Test
    void readsNumbersWithinTheirRange() {
        ConfigReader r = reader(Map.of("n", " 42 "));
        assertEquals(42, r.intInRange("n", 0, 0, 100));
        assertEquals(42L, r.longInRange("n", 0, 42, 42));
    }

    @Test
    void rejectsNumbersOutsideTheRangeNamingTheKey() {
        InvalidSettingException e = invalid(() -> reader(Map.of("wsingest.x", "101")).intInRange("wsingest.x", 0, 0, 100));
        assertEquals("wsingest.x", e.key());
        assertTrue(e.getMessage().contains("wsingest.x"));
        assertTrue(e.getMessage().contains("'101'"));
    }

    @Test
    void rejectsNonNumbers() {
        assertEquals("n", invalid(() -> reader(Map.of("n", "ten")).intInRange("n", 0, 0, 100)).key());
        assertEquals("n", invalid(() -> reader(Map.of("n", "1.5")).longInRange("n", 0, 0, 100)).key());
    }

    @Test
    void readsBooleansStrictly() {
        assertTrue(reader(Map.of("b", "TRUE")).bool("b", false));
        assertFalse(reader(Map.of("b", "false")).bool("b", true));
        assertEquals("b", invalid(() -> reader(Map.of("b", "yes")).bool("b", false)).key());
    }

    @Test
    void readsSecondsAsDuration() {
        assertEquals(Duration.ofSeconds(5), reader(Map.of()).seconds("s", 5, 1, 60));
        assertEquals(Duration.ofSeconds(20), reader(Map.of("s", "20")).seconds("s", 5, 1, 60));
        assertEquals("s", invalid(() -> reader(Map.of("s", "0")).seconds("s", 5, 1, 60)).key());
    }

    @Test
    void readsByteCountsWithBinaryUnits() {
        assertEquals(512, reader(Map.of("b", "512")).bytes("b", 0, 0, Long.MAX_VALUE));
        assertEquals(64L << 10, reader(Map.of("b", "64KiB")).bytes("b", 0, 0, Long.MAX_VALUE));
        assertEquals(256L << 20, reader(Map.of("b", "256 mib")).bytes("b", 0, 0, Long.MAX_VALUE));
        assertEquals(2L << 30, reader(Map.of("b", "2G")).bytes("b", 0, 0, Long.MAX_VALUE));
        assertEquals(1L << 20, reader(Map.of("b", "1MB")).bytes("b", 0, 0, Long.MAX_VALUE));
    }

    @Test
    void rejectsMalformedOrOverflowingByteCounts() {
        assertEquals("b", invalid(() -> reader(Map.of("b", "12TB")).bytes("b", 0, 0, Long.MAX_VALUE)).key());
        assertEquals("b", invalid(() -> reader(Map.of("b", "-1")).bytes("b", 0, 0, Long.MAX_VALUE)).key());
        assertEquals("b", invalid(() -> reader(Map.of("b", "99999999999GiB")).bytes("b", 0, 0, Long.MAX_VALUE)).key());
        assertEquals("b", invalid(() -> reader(Map.of("b", "2GiB")).bytes("b", 0, 0, 1L << 30)).key());
    }

    @Test
    void readsEnumChoicesInSettingSpelling() {
        assertEquals(Order.BIG_ENDIAN, reader(Map.of("o", "big-endian")).choice("o", Order.LITTLE_ENDIAN));
        assertEquals(Order.LITTLE_ENDIAN, reader(Map.of()).choice("o", Order.LITTLE_ENDIAN));
        InvalidSettingException e = invalid(() -> reader(Map.of("o", "middle")).choice("o", Order.LITTLE_ENDIAN));
        assertTrue(e.getMessage().contains("little-endian, big-endian"), e.getMessage());
        assertEquals("little-endian", ConfigReader.settingName(Order.LITTLE_ENDIAN));
    }

    @Test
    void readsPathsAndLists() {
        assertEquals(Path.of("/srv/x"), reader(Map.of("p", "/srv/x")).path("p", Path.of("/d")));
        assertEquals(Path.of("/d"), reader(Map.of()).path("p", Path.of("/d")));
        assertEquals("p", invalid(() -> reader(Map.of("p", "bad\0path")).path("p", Path.of("/d"))).key());
        assertEquals(List.of("a", "b"), reader(Map.of("l", " a, ,b ")).list("l"));
        assertEquals(List.of(), reader(Map.of()).list("l"));
    }
}
