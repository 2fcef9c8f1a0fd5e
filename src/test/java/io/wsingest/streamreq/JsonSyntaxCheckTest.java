package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSyntaxCheckTest {

    private static final int LIMIT = 1 << 20;

    private static FormatCheck check(String json) throws IOException {
        return check(json.getBytes(StandardCharsets.UTF_8));
    }

    private static FormatCheck check(byte[] json) throws IOException {
        return JsonSyntaxCheck.check(new ByteArrayInputStream(json), LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "[]", "{\"a\": [1, 2.5, -3e10, true, false, null, \"x\\u00e9\\n\"]}", "42", "\"text\"", "null",
            " \n\t{ \"nested\": { \"deeper\": [[[]]] } } \r\n", "{\"ä\": \"日本語 😀\"}",
    })
    void passesJson(String json) throws Exception {
        assertEquals(FormatCheck.PASSED, check(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "{", "[1,]", "{\"a\":1,}", "[1 2]", "{} {}", "{} x", "01", "'single'", "{a: 1}", "nul",
            "\"tab\tinside\"", "NaN", "[1] // comment", "\ufeff{}",
    })
    void failsWhatIsNotOneJsonValue(String json) throws Exception {
        FormatCheck result = check(json);

        assertFalse(result.passed(), json);
        assertTrue(result.reason().startsWith("data-format json: "), result.reason());
    }

    @Test
    void saysWhereTheErrorIs() throws Exception {
        assertEquals(FormatCheck.failed("data-format json: Invalid token=SQUARECLOSE at (line no=1, column no=4,"
                + " offset=3). Expected tokens are: [CURLYOPEN, SQUAREOPEN, STRING, NUMBER, TRUE, FALSE, NULL]"),
                check("[1,]"));
    }

    @Test
    void failsInvalidUtf8InsideAString() throws Exception {
        byte[] json = HexFormat.of().parseHex("7B2261223A2280227D"); // {"a":"\x80"}

        assertEquals(FormatCheck.failed("data-format json: not valid UTF-8"), check(json));
    }

    @Test
    void failsNestingBeyondTheParsersLimit() throws Exception {
        assertFalse(check("[".repeat(5000) + "]".repeat(5000)).passed());
    }

    @Test
    void readsLargeDocumentsAsAStream() throws Exception {
        // 200,000 small objects: far more than the token limit in all, but every token is short.
        InputStream items = new SequenceInputStream(new ByteArrayInputStream("[".getBytes(StandardCharsets.UTF_8)),
                new SequenceInputStream(new RepeatingInputStream("{\"id\": 12345, \"name\": \"item\"},", 200_000),
                        new ByteArrayInputStream("{}]".getBytes(StandardCharsets.UTF_8))));

        assertEquals(FormatCheck.PASSED, JsonSyntaxCheck.check(items, 1024));
    }

    @Test
    void failsAStringLongerThanTheLimitInsteadOfBufferingIt() throws Exception {
        String longString = "\"" + "x".repeat(100_000) + "\"";

        FormatCheck result = JsonSyntaxCheck.check(
                new ByteArrayInputStream(longString.getBytes(StandardCharsets.UTF_8)), 10_000);

        assertEquals(FormatCheck.failed("data-format json: a string or number is longer than 10000 characters, the"
                + " most the server checks"), result);
    }

    @Test
    void passesAStringWithinTheLimit() throws Exception {
        String string = "\"" + "x".repeat(9_000) + "\"";

        assertEquals(FormatCheck.PASSED, JsonSyntaxCheck.check(
                new ByteArrayInputStream(string.getBytes(StandardCharsets.UTF_8)), 10_000));
    }

    @Test
    void aReadFailureIsAnIOExceptionNotAVerdict() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };

        IOException e = assertThrows(IOException.class, () -> JsonSyntaxCheck.check(broken, LIMIT));
        assertEquals("disk gone", e.getMessage());
    }

    /** The same text {@code times} times, generated as it is read. */
    private static final class RepeatingInputStream extends InputStream {

        private final byte[] unit;
        private long left;
        private int at;

        RepeatingInputStream(String unit, long times) {
            this.unit = unit.getBytes(StandardCharsets.UTF_8);
            this.left = times;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            byte b = unit[at++];
            if (at == unit.length) {
                at = 0;
                left--;
            }
            return b & 0xff;
        }
    }
}
