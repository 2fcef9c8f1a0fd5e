package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Base64StreamDecoderTest {

    private final Random random = new Random(7);

    /** Feeds the text in random pieces and returns the decoded bytes. */
    private byte[] decode(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Base64StreamDecoder decoder = new Base64StreamDecoder(out::write);
        int i = 0;
        while (i < text.length()) {
            int end = Math.min(text.length(), i + 1 + random.nextInt(200));
            decoder.accept(text, i, end);
            i = end;
        }
        decoder.finish();
        return out.toByteArray();
    }

    private String error(String text) {
        return assertThrows(Base64StreamDecoder.InvalidBase64.class, () -> decode(text)).getMessage();
    }

    @Test
    void decodesWhatTheJdkEncodesAtEveryLengthWithAndWithoutPadding() throws Exception {
        for (int length = 0; length < 200; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertArrayEquals(data, decode(Base64.getEncoder().encodeToString(data)), "padded, length " + length);
            assertArrayEquals(data, decode(Base64.getEncoder().withoutPadding().encodeToString(data)),
                    "unpadded, length " + length);
        }
    }

    @Test
    void decodesContentLargerThanOneBlock() throws Exception {
        byte[] data = new byte[1_000_003];
        random.nextBytes(data);
        assertArrayEquals(data, decode(Base64.getEncoder().encodeToString(data)));
    }

    @Test
    void ignoresMimeLineBreaksAndSpaces() throws Exception {
        byte[] data = new byte[5000];
        random.nextBytes(data);
        assertArrayEquals(data, decode(Base64.getMimeEncoder().encodeToString(data)));
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), decode(" aGVs\tbG8=\n"));
    }

    @Test
    void namesAnIllegalCharacterAndItsPosition() {
        assertEquals("Invalid base64 encoding: illegal character '-' (U+002D) at position 5", error("aGVsb-8="));
        assertEquals("Invalid base64 encoding: illegal character '_' (U+005F) at position 0", error("_w=="));
        assertEquals("Invalid base64 encoding: illegal character U+00E9 at position 2", error("ab\u00e9d"));
        assertEquals("Invalid base64 encoding: illegal character U+0000 at position 1", error("a\u0000"));
    }

    @Test
    void refusesBadPadding() {
        assertEquals("Invalid base64 encoding: data after the padding at position 8", error("aGVsbA==aGVs"));
        assertEquals("Invalid base64 encoding: unexpected '=' at position 1", error("a==="));
        assertEquals("Invalid base64 encoding: unexpected '=' at position 8", error("aGVsbG8=="));
        assertEquals("Invalid base64 encoding: incomplete padding at the end", error("aGVsbA="));
    }

    @Test
    void refusesALoneLastCharacter() {
        assertEquals("Invalid base64 encoding: the last group has a single character (the data is cut short)",
                error("aGVsb"));
    }
}
