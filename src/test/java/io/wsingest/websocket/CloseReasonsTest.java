package io.wsingest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CloseReasonsTest {

    @Test
    void keepsShortReasons() {
        assertEquals("Project id not set", CloseReasons.truncate("Project id not set"));
        assertEquals(1008, CloseReasons.of(1008, "x").getCloseCode().getCode());
    }

    @Test
    void cutsLongReasonsToWholeCharactersWithin123Bytes() {
        String reason = "é".repeat(100);
        String cut = CloseReasons.truncate(reason);
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 123);
        assertEquals("é".repeat(61), cut);
    }
}
