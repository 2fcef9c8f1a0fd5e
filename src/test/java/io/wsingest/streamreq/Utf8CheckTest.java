package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8CheckTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** Feeds the data in chunks of the given size. */
    private static FormatCheck check(byte[] data, int chunk) {
        Utf8Check check = new Utf8Check();
        for (int i = 0; i < data.length; i += chunk) {
            check.feed(ByteBuffer.wrap(data, i, Math.min(chunk, data.length - i)));
        }
        return check.finish();
    }

    @Test
    void passesAsciiAndMultiByteText() {
        byte[] text = "plain, äöü, €, 日本語, 𝄞 and 😀".getBytes(StandardCharsets.UTF_8);

        assertEquals(FormatCheck.PASSED, check(text, text.length));
    }

    @Test
    void passesEmptyText() {
        assertEquals(FormatCheck.PASSED, new Utf8Check().finish());
    }

    @Test
    void passesAByteOrderMark() {
        assertEquals(FormatCheck.PASSED, check(hex("EF BB BF 41"), 4));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7})
    void passesCharactersSplitAcrossChunksAtEveryPosition(int chunk) {
        byte[] text = "a€b𝄞cäd日".getBytes(StandardCharsets.UTF_8);

        assertEquals(FormatCheck.PASSED, check(text, chunk));
    }

    @Test
    void passesAFourByteCharacterSplitOneByteAtATimeOverSeparateFeeds() {
        Utf8Check check = new Utf8Check();
        for (byte b : "😀".getBytes(StandardCharsets.UTF_8)) {
            assertTrue(check.feed(ByteBuffer.wrap(new byte[] {b})));
        }
        assertEquals(FormatCheck.PASSED, check.finish());
    }

    @Test
    void passesLargeTextInBigChunks() {
        byte[] text = "Grüße aus Köln — ".repeat(20_000).getBytes(StandardCharsets.UTF_8);

        assertEquals(FormatCheck.PASSED, check(text, 64 * 1024));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "41 C0 80       | 1 | overlong two-byte NUL",
            "41 C1 BF       | 1 | overlong two-byte",
            "E0 80 80       | 0 | overlong three-byte",
            "F0 80 80 80    | 0 | overlong four-byte",
            "ED A0 80       | 0 | encoded high surrogate",
            "ED BF BF       | 0 | encoded low surrogate",
            "F4 90 80 80    | 0 | above U+10FFFF",
            "41 42 80       | 2 | stray continuation byte",
            "41 C3 41       | 1 | missing continuation byte",
            "E2 82 41       | 0 | three-byte sequence cut short",
            "F5 80 80 80    | 0 | lead byte F5",
            "41 FF          | 1 | byte FF",
            "41 FE          | 1 | byte FE",
    })
    void failsInvalidSequencesWithTheirOffset(String bytes, long offset, String what) {
        byte[] data = hex(bytes);
        for (int chunk = 1; chunk <= data.length; chunk++) {
            assertEquals(FormatCheck.failed("data-format text: not valid UTF-8 at byte " + offset), check(data, chunk),
                    what + " in chunks of " + chunk);
        }
    }

    @Test
    void failsTextThatEndsInsideACharacter() {
        byte[] data = hex("41 42 E2 82");

        assertEquals(FormatCheck.failed("data-format text: not valid UTF-8 at byte 2"), check(data, 4));
        assertEquals(FormatCheck.failed("data-format text: not valid UTF-8 at byte 2"), check(data, 1));
    }

    @Test
    void reportsTheOffsetInTheWholeStreamNotTheChunk() {
        byte[] data = new byte[10_000];
        java.util.Arrays.fill(data, (byte) 'a');
        data[7_777] = (byte) 0x80;

        assertEquals(FormatCheck.failed("data-format text: not valid UTF-8 at byte 7777"), check(data, 1000));
    }

    @Test
    void stopsAtTheFirstErrorAndIgnoresTheRest() {
        Utf8Check check = new Utf8Check();

        assertFalse(check.feed(ByteBuffer.wrap(hex("80"))));
        ByteBuffer more = ByteBuffer.wrap(hex("41 42"));
        assertFalse(check.feed(more));

        assertFalse(more.hasRemaining());
        assertEquals(FormatCheck.failed("data-format text: not valid UTF-8 at byte 0"), check.finish());
    }

    @Test
    void readsOnlyTheRemainingBytesOfABuffer() {
        ByteBuffer slice = ByteBuffer.wrap(hex("FF 41 42 FF")).position(1).limit(3);
        Utf8Check check = new Utf8Check();

        assertTrue(check.feed(slice));
        assertEquals(FormatCheck.PASSED, check.finish());
    }
}
