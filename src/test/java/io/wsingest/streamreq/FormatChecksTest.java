package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class FormatChecksTest {

    private static FormatCheck check(DataFormat format, byte[] data) throws Exception {
        return FormatChecks.check(format, new ByteArrayInputStream(data), 1 << 20);
    }

    @Test
    void bytesAreNeverChecked() throws Exception {
        assertEquals(FormatCheck.PASSED, check(DataFormat.BYTES, new byte[] {(byte) 0xFF, 0, (byte) 0x80}));
    }

    @Test
    void textIsCheckedAcrossTheReadersChunks() throws Exception {
        // A three-byte character straddles the 64 KiB chunk boundary.
        byte[] text = new byte[64 * 1024 + 2];
        Arrays.fill(text, (byte) 'a');
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(euro, 0, text, 64 * 1024 - 1, 3);

        assertEquals(FormatCheck.PASSED, check(DataFormat.TEXT, text));
        text[64 * 1024] = 'a';
        assertEquals(FormatCheck.failed("data-format text: not valid UTF-8 at byte 65535"),
                check(DataFormat.TEXT, text));
    }

    @Test
    void jsonIsCheckedForSyntax() throws Exception {
        assertEquals(FormatCheck.PASSED, check(DataFormat.JSON, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(check(DataFormat.JSON, "{\"a\": }".getBytes(StandardCharsets.UTF_8)).passed());
    }
}
