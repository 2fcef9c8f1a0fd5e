package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NewFileTest {

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
        assertEquals(expected, NewFile.displayName(requested, "fallback"));
    }

    @Test
    void dropsControlCharacters() {
        assertEquals("ab c", NewFile.displayName("a\u0000b\n c\u007f", "fallback"));
    }

    @Test
    void noNameIsTheFallback() {
        assertEquals("fallback", NewFile.displayName(null, "fallback"));
    }

    @Test
    void cutsLongNamesWithoutSplittingACharacter() {
        assertEquals("a".repeat(255), NewFile.displayName("a".repeat(300), "fallback"));
        String name = NewFile.displayName("a".repeat(254) + "😀" + "b", "fallback");
        assertEquals("a".repeat(254), name);
    }
}
