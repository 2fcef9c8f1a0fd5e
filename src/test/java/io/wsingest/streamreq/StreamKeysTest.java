package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StreamKeysTest {

    @Test
    void keysAre32UrlSafeCharactersAndDiffer() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = StreamKeys.generate();
            assertTrue(key.matches("[A-Za-z0-9_-]{32}"), key);
            assertTrue(StreamKeys.isWellFormed(key));
            keys.add(key);
        }
        assertEquals(1000, keys.size());
    }

    @Test
    void recognisesOnlyWellFormedKeys() {
        assertFalse(StreamKeys.isWellFormed(null));
        assertFalse(StreamKeys.isWellFormed(""));
        assertFalse(StreamKeys.isWellFormed("some_unique_id"));
        assertFalse(StreamKeys.isWellFormed("A".repeat(31) + "="));
        assertFalse(StreamKeys.isWellFormed("A".repeat(33)));
        assertTrue(StreamKeys.isWellFormed("A".repeat(31) + "-"));
    }

    @Test
    void theHashIsTheSha256OfTheKey() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", StreamKeys.hash("abc"));
        assertNotEquals(StreamKeys.hash("abd"), StreamKeys.hash("abc"));
    }

    @Test
    void logsShowOnlyAPrefixOfAKeyAndNothingOfOtherValues() {
        assertEquals("AbCdEf…", StreamKeys.prefix("AbCdEf" + "x".repeat(26)));
        assertEquals("(none)", StreamKeys.prefix("evil\nline"));
        assertEquals("(none)", StreamKeys.prefix(null));
    }
}
