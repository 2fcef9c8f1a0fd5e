package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class InlineFileTest {

    private static byte[] decode(DataFormat format, String payload) throws BadHeaderException {
        return InlineFile.decode(format, payload, 16);
    }

    private static String refusal(DataFormat format, String payload) {
        return assertThrows(BadHeaderException.class, () -> decode(format, payload)).getMessage();
    }

    @Test
    void bytesAreBase64WithOrWithoutPadding() throws Exception {
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, decode(DataFormat.BYTES, "\"AAEC/w==\""));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, decode(DataFormat.BYTES, "\"AAEC/w\""));
        assertArrayEquals(new byte[0], decode(DataFormat.BYTES, "\"\""));
    }

    @Test
    void textIsStoredAsItsUtf8Bytes() throws Exception {
        assertArrayEquals("Grüße 😀".getBytes(StandardCharsets.UTF_8),
                decode(DataFormat.TEXT, "\"Grüße \\ud83d\\ude00\""));
    }

    @Test
    void jsonIsStoredAsItsText() throws Exception {
        assertArrayEquals("{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8), decode(DataFormat.JSON, "{\"a\":[1,2]}"));
        assertArrayEquals("\"x\"".getBytes(StandardCharsets.UTF_8), decode(DataFormat.JSON, "\"x\""));
    }

    @Test
    void bytesAndTextMustBeAJsonString() {
        assertEquals("with data-format bytes the payload must be a JSON string of base64",
                refusal(DataFormat.BYTES, "[1,2]"));
        assertEquals("with data-format text the payload must be a JSON string", refusal(DataFormat.TEXT, "12"));
    }

    @Test
    void refusesWhatIsNotBase64() {
        assertEquals("the payload is not base64: Illegal base64 character 2d", refusal(DataFormat.BYTES, "\"AA-C\""));
    }

    @Test
    void refusesALoneSurrogateInsteadOfReplacingIt() {
        assertEquals("the payload is not text: it holds a lone surrogate", refusal(DataFormat.TEXT, "\"a\\ud800b\""));
    }

    @Test
    void refusesAFileOverTheLimitWithItsSize() throws Exception {
        assertEquals(16, decode(DataFormat.TEXT, "\"" + "a".repeat(16) + "\"").length);
        assertEquals("an inline file may be at most 16 bytes, this one has 17; send it as a stream with x-stream",
                refusal(DataFormat.TEXT, "\"" + "a".repeat(17) + "\""));
        assertEquals("an inline file may be at most 16 bytes, this one has 18; send it as a stream with x-stream",
                refusal(DataFormat.BYTES, "\"" + "A".repeat(24) + "\""));
    }
}
