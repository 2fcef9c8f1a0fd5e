package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayNamesTest {

    @Test
    void keepsAnOrdinaryName() {
        assertEquals("Quarterly report (final).pdf", DisplayNames.of("Quarterly report (final).pdf"));
    }

    @Test
    void keepsNamesInAnyScript() {
        assertEquals("Überblick 報告 📄.pdf", DisplayNames.of("Überblick 報告 📄.pdf"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../../etc/passwd|passwd",
            "/var/tmp/upload.bin|upload.bin",
            "C:\\fakepath\\photo.jpg|photo.jpg",
            "..\\..\\windows\\win.ini|win.ini",
            "dir/sub\\mixed.txt|mixed.txt"})
    void dropsPathComponents(String sent, String kept) {
        assertEquals(kept, DisplayNames.of(sent));
    }

    @Test
    void removesControlAndFormattingCharacters() {
        assertEquals("abc.txt", DisplayNames.of("a\u0000b\nc\t.txt"));
        // A right-to-left override would make "evil\u202Egnp.exe" display as "evilexe.png".
        assertEquals("evilgnp.exe", DisplayNames.of("evil\u202Egnp.exe"));
        assertEquals("ab", DisplayNames.of("a\u200Bb\u2028"));
        assertEquals("ab", DisplayNames.of("a\uD800b"), "half a surrogate pair is no character");
    }

    @Test
    void trimsSurroundingSpace() {
        assertEquals("a b.txt", DisplayNames.of("  a b.txt \u00A0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ".", "..", "a/", "dir/..", "\u0000\u0001", "\u202E"})
    void namesWhatLeavesNothingUnnamed(String sent) {
        assertEquals(DisplayNames.UNNAMED, DisplayNames.of(sent));
    }

    @Test
    void namesAnAbsentNameUnnamed() {
        assertEquals(DisplayNames.UNNAMED, DisplayNames.of(null));
    }

    @Test
    void limitsTheLengthKeepingAShortExtension() {
        String name = DisplayNames.of("x".repeat(1000) + ".tar.gz");

        assertEquals(DisplayNames.MAX_LENGTH, name.length());
        assertTrue(name.endsWith("x.gz"), name);
    }

    @Test
    void limitsTheLengthOfANameWithALongExtension() {
        String name = DisplayNames.of("a." + "y".repeat(300));

        assertEquals(DisplayNames.MAX_LENGTH, name.length());
        assertTrue(name.startsWith("a.yyy"), name);
    }

    @Test
    void neverSplitsASurrogatePairWhenShortening() {
        String name = DisplayNames.of("x".repeat(DisplayNames.MAX_LENGTH - 1) + "😀😀");

        assertEquals(DisplayNames.MAX_LENGTH - 1, name.length());
        assertTrue(name.codePoints().allMatch(c -> c == 'x'), name);
    }
}
