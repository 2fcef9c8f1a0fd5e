package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XStreamTest {

    @Test
    void parsesTotalAndBuffer() throws Exception {
        assertEquals(new XStream.Offer(20000, 4096), XStream.parseOffer("20000:4096"));
    }

    @Test
    void ignoresSurroundingSpacesAndLeadingZeros() throws Exception {
        assertEquals(new XStream.Offer(20000, 4096), XStream.parseOffer(" 020000 : 4096 "));
    }

    @Test
    void acceptsAnEmptyStreamAndTheLargestNumbers() throws Exception {
        assertEquals(new XStream.Offer(0, 1), XStream.parseOffer("0:1"));
        assertEquals(new XStream.Offer(Long.MAX_VALUE, Integer.MAX_VALUE),
                XStream.parseOffer(Long.MAX_VALUE + ":" + Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "20000        | x-stream must be total:buffer, two numbers separated by one colon",
            "''           | x-stream must be total:buffer, two numbers separated by one colon",
            "1:2:3        | x-stream must be total:buffer, two numbers separated by one colon",
            "20000;4096   | x-stream must be total:buffer, two numbers separated by one colon",
            ":4096        | x-stream total must be a whole number of bytes",
            "20000:       | x-stream buffer must be a whole number of bytes",
            "abc:4096     | x-stream total must be a whole number of bytes",
            "1.5:4096     | x-stream total must be a whole number of bytes",
            "1e3:4096     | x-stream total must be a whole number of bytes",
            "+5:4096      | x-stream total must be a whole number of bytes",
            "0x10:4096    | x-stream total must be a whole number of bytes",
            "20000:4k     | x-stream buffer must be a whole number of bytes",
            "-1:4096      | x-stream total must not be negative",
            "20000:-4096  | x-stream buffer must not be negative",
            "-1           | x-stream must be total:buffer, two numbers separated by one colon",
            "20000:0      | x-stream buffer must be at least 1 byte",
            "9223372036854775808:4096 | x-stream total is too large (at most 9223372036854775807)",
            "99999999999999999999999999:1 | x-stream total is too large (at most 9223372036854775807)",
            "1:2147483648 | x-stream buffer is too large (at most 2147483647)",
    })
    void refusesMalformedOffers(String value, String reason) {
        BadHeaderException e = assertThrows(BadHeaderException.class, () -> XStream.parseOffer(value));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void minusOneAsksToAbandon() {
        assertTrue(XStream.isAbandon("-1"));
        assertTrue(XStream.isAbandon(" -1 "));
        assertFalse(XStream.isAbandon("-1:0"));
        assertFalse(XStream.isAbandon("0"));
        assertFalse(XStream.isAbandon(null));
    }

    @Test
    void aMissingHeaderSaysWhatToSend() {
        BadHeaderException e = assertThrows(BadHeaderException.class, () -> XStream.parseOffer(null));
        assertEquals("x-stream is missing; send x-stream: total:buffer", e.getMessage());
    }

    @Test
    void formatsTheServersAnswers() {
        assertEquals("0:4096", XStream.accepted(new StreamTransfer(20000, 20000, 4096, 0, 1 << 20)));
        assertEquals("0:4096", XStream.accepted(new StreamTransfer(20000, 20000, 4096, 12000, 1 << 20)));
        assertEquals("12000:4096", XStream.accepted(new StreamTransfer(20000, 12000, 4096, 0, 1 << 20)));
        assertEquals("-1", XStream.REFUSED);
        assertEquals("377:0", XStream.missing(377));
        assertEquals("0:0", XStream.missing(0));
    }
}
