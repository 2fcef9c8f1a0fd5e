package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fallback form of {@link DisplayNames}, as the stream protocol uses it. */
class DisplayNamesFallbackTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "report.pdf                | report.pdf",
            "  spaced name.txt         | spaced name.txt",
            "../../etc/passwd          | passwd",
            "C:\\Users\\ann\\scan.png  | scan.png",
            "dir/                      | fallback",
            "..                        | fallback",
            "/..                       | fallback",
            "''                        | fallback",
            "Grüße 日本.txt            | Grüße 日本.txt",
    })
    void keepsOnlyTheLastSegmentOfAName(String requested, String expected) {
        assertEquals(expected, DisplayNames.of(requested, "fallback"));
    }

    @Test
    void dropsControlCharacters() {
        assertEquals("ab c", DisplayNames.of("a\u0000b\n c\u007f", "fallback"));
    }

    @Test
    void noNameIsTheFallback() {
        assertEquals("fallback", DisplayNames.of(null, "fallback"));
    }

    @Test
    void cutsLongNamesWithoutSplittingACharacter() {
        assertEquals("a".repeat(255), DisplayNames.of("a".repeat(300), "fallback"));
        String name = DisplayNames.of("a".repeat(254) + "😀" + "b", "fallback");
        assertEquals("a".repeat(254), name);
    }
}
