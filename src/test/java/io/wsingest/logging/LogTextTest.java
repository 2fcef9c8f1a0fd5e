package io.wsingest.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** Client text in a log line: one line, no terminal escapes, no reordering, no token. */
class LogTextTest {

    @Test
    void escapesLineBreaksSoNoLineCanBeForged() {
        assertEquals("a.png\\r\\nINFO [fake] admin logged in", LogText.escape("a.png\r\nINFO [fake] admin logged in"));
    }

    @Test
    void escapesEveryOtherControlCharacter() {
        assertEquals("\\u001b[31mred\\t\\u0000\\u007f\\u0085\\u009b", LogText.escape("\u001b[31mred\t\u0000\u007f\u0085\u009b"));
    }

    @Test
    void escapesBidirectionalControlsAndLineSeparators() {
        assertEquals("invoice\\u202efdp.exe \\u2066x\\u2069 \\u200e\\u200f\\u061c \\u2028\\u2029",
                LogText.escape("invoice\u202efdp.exe \u2066x\u2069 \u200e\u200f\u061c \u2028\u2029"));
    }

    @Test
    void escapesTheBackslashSoAnEscapeAlwaysMeansTheCharacter() {
        assertEquals("C:\\\\scan\\\\n.png", LogText.escape("C:\\scan\\n.png"));
    }

    @Test
    void leavesOrdinaryTextAloneAndWritesNull() {
        assertEquals("Straße 7 — 東京.png", LogText.escape("Straße 7 — 東京.png"));
        assertEquals("null", LogText.escape(null));
    }

    @Test
    void cutsLongTextSayingHowMuchWasLeftOut() {
        String escaped = LogText.escape("x".repeat(10_000));
        assertEquals("x".repeat(LogText.MAX_CHARS) + "…(9800 more characters)", escaped);
    }

    @Test
    void removesTokensFromAUrisQuery() {
        assertEquals("/ws/Upload?id=p1&token=(removed)&saveMedia=true",
                LogText.uri("/ws/Upload?id=p1&token=eyJhbGciOi.secret.sig&saveMedia=true"));
        assertEquals("/ws/galileo?token=(removed)", LogText.uri(URI.create("/ws/galileo?token=abc")));
        assertEquals("/ws/stream?ACCESS_TOKEN=(removed);x=1", LogText.uri("/ws/stream?ACCESS_TOKEN=abc;x=1"));
        assertEquals("/ws/core/upload/?mytoken=kept", LogText.uri("/ws/core/upload/?mytoken=kept"));
        String forged = LogText.uri("/live/a?token=abc%0d%0a\r\nSEVERE x");
        assertFalse(forged.contains("abc"), forged);
        assertFalse(forged.contains("\n"), forged);
    }

    @Test
    void anIncidentTellsTheClientOnlyItsReference() {
        Incident incident = Incident.log(java.util.logging.Logger.getLogger("test"), "a test failure",
                new IllegalStateException("/var/lib/secret/path SELECT * FROM users"));
        assertTrue(incident.ref().matches("[0-9a-f]{8}"), incident.ref());
        assertEquals("internal error (ref " + incident.ref() + ")", incident.clientText());
    }
}
