package io.wsingest.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void keepsAPlainName() {
        assertEquals(Optional.of("Survey 2026.tif"), FileNames.sanitise("Survey 2026.tif"));
    }

    @Test
    void dropsDirectoriesOfEitherSeparator() {
        assertEquals(Optional.of("passwd"), FileNames.sanitise("../../etc/passwd"));
        assertEquals(Optional.of("scan.pdf"), FileNames.sanitise("C:\\Users\\ann\\scan.pdf"));
    }

    @Test
    void dropsControlCharactersAndSurroundingBlanks() {
        assertEquals(Optional.of("ab.txt"), FileNames.sanitise("  a\u0000b\n.txt\t "));
    }

    @Test
    void refusesNamesWithNothingLeft() {
        assertEquals(Optional.empty(), FileNames.sanitise(null));
        assertEquals(Optional.empty(), FileNames.sanitise("   "));
        assertEquals(Optional.empty(), FileNames.sanitise("dir/"));
        assertEquals(Optional.empty(), FileNames.sanitise(".."));
    }

    @Test
    void cutsLongNamesWithoutSplittingACharacter() {
        assertEquals(255, FileNames.sanitise("x".repeat(300)).orElseThrow().length());
        String emoji = "x".repeat(254) + "\uD83D\uDE00";
        assertEquals("x".repeat(254), FileNames.sanitise(emoji).orElseThrow());
    }
}
