package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LivePathTest {

    @Test
    void parsesTheThreeSegments() throws LiveRefusal {
        LivePath path = LivePath.parse("my-channel_1", "s3cret-key", "receive-clear-cache", 128);
        assertEquals("my-channel_1", path.channel());
        assertEquals("s3cret-key", path.key());
        assertEquals(ConnectionKind.RECEIVE_CLEAR_CACHE, path.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"publish", "receive", "receive-clear-cache", "probe"})
    void acceptsEveryKind(String kind) throws LiveRefusal {
        assertEquals(kind, LivePath.parse("c", "k", kind, 128).kind().wire());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Cam", "cam.tv", "cam/1", "cam 1", "câm", "cam%20", "..", "CAM"})
    void refusesChannelsOutsideTheAlphabet(String channel) {
        LiveRefusal refusal = assertThrows(LiveRefusal.class, () -> LivePath.parse(channel, "k", "receive", 128));
        assertEquals(LiveClose.INVALID_CHANNEL, refusal.close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Key", "k+1", "k=", "ключ"})
    void refusesKeysOutsideTheAlphabet(String key) {
        LiveRefusal refusal = assertThrows(LiveRefusal.class, () -> LivePath.parse("c", key, "receive", 128));
        assertEquals(LiveClose.INVALID_KEY, refusal.close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "play", "PUBLISH", "receive-clear", "probe ", "upload"})
    void refusesUnknownKinds(String kind) {
        LiveRefusal refusal = assertThrows(LiveRefusal.class, () -> LivePath.parse("c", "k", kind, 128));
        assertEquals(LiveClose.INVALID_KIND, refusal.close());
    }

    @ParameterizedTest
    @CsvSource({"128,true", "129,false"})
    void limitsTheLength(int length, boolean valid) {
        assertEquals(valid, LivePath.isValidName("a".repeat(length), 128));
    }

    @Test
    void reportsTheChannelFirst() {
        LiveRefusal refusal = assertThrows(LiveRefusal.class, () -> LivePath.parse("Bad", "Bad", "bad", 128));
        assertEquals(LiveClose.INVALID_CHANNEL, refusal.close());
    }

    @Test
    void nullIsNotAName() {
        assertFalse(LivePath.isValidName(null, 128));
        assertTrue(LivePath.isValidName("-_-", 128));
    }
}
