package io.wsingest.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextCleanupTest {

    @Test
    void joinsAWordHyphenatedAtALineEnd() {
        assertEquals("an example of text", TextCleanup.clean("an exam-\nple of text"));
    }

    @Test
    void joinsSoftAndUnicodeHyphens() {
        assertEquals("example example", TextCleanup.clean("exam\u00AD\nple exam\u2010\nple"));
    }

    @Test
    void keepsAHyphenBeforeACapitalOrADigitOrAfterASpace() {
        assertEquals("Jean- Paul page- 12 a - b", TextCleanup.clean("Jean-\nPaul page-\n12 a -\nb"));
    }

    @Test
    void joinsTheLinesOfAParagraphWithOneSpace() {
        assertEquals("one two three", TextCleanup.clean("one\ntwo\nthree"));
    }

    @Test
    void keepsParagraphsWithOneBlankLineBetween() {
        assertEquals("first para\n\nsecond para", TextCleanup.clean("\n\nfirst\npara\n\n \n\t\nsecond\npara\n\n"));
    }

    @Test
    void normalisesWhitespaceInsideLines() {
        assertEquals("a b c d", TextCleanup.clean("  a \t b\u00A0\u00A0c   d  "));
    }

    @Test
    void acceptsEveryLineBreak() {
        assertEquals("a b\n\nc", TextCleanup.clean("a\r\nb\r\r\nc"));
    }

    @Test
    void emptyAndBlankBecomeEmpty() {
        assertEquals("", TextCleanup.clean(""));
        assertEquals("", TextCleanup.clean(" \n\n \t"));
    }

    @Test
    void doesNotJoinAcrossParagraphs() {
        assertEquals("exam-\n\nple", TextCleanup.clean("exam-\n\nple"));
    }
}
