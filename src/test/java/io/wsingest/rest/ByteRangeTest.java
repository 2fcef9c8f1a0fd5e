package io.wsingest.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static ByteRange part(String header, long size) {
        return assertInstanceOf(ByteRange.Part.class, ByteRange.parse(header, size)).range();
    }

    @Test
    void servesAClosedRange() {
        ByteRange range = part("bytes=0-499", 1000);
        assertEquals(new ByteRange(0, 499), range);
        assertEquals(500, range.length());
        assertEquals("bytes 0-499/1000", range.contentRange(1000));
    }

    @Test
    void servesAnOpenRangeToTheEnd() {
        assertEquals(new ByteRange(900, 999), part("bytes=900-", 1000));
    }

    @Test
    void servesASuffix() {
        assertEquals(new ByteRange(800, 999), part("bytes=-200", 1000));
        assertEquals(new ByteRange(0, 999), part("bytes=-5000", 1000), "a suffix longer than the file is all of it");
    }

    @Test
    void cutsALastPositionBeyondTheEnd() {
        assertEquals(new ByteRange(10, 999), part("bytes=10-5000", 1000));
    }

    @Test
    void refusesARangeStartingBeyondTheEnd() {
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=1000-", 1000));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=-0", 1000));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=0-", 0));
    }

    @Test
    void ignoresWhatItDoesNotServe() {
        for (String header : new String[] {null, "", "bytes=", "bytes=-", "items=0-1", "bytes=5-1", "bytes=0-1,5-6",
                "bytes=x-1", "bytes=99999999999999999999-"}) {
            assertInstanceOf(ByteRange.Whole.class, ByteRange.parse(header, 1000), String.valueOf(header));
        }
    }
}
