package io.wsingest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

class CloseReasonsTest {

    /** The closes a session was asked for; {@code failing} makes each one throw, as a broken connection does. */
    private static Session session(boolean open, boolean failing, List<CloseReason> closes) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> open;
                    case "getId" -> "s1";
                    case "close" -> {
                        closes.add((CloseReason) args[0]);
                        if (failing) {
                            throw new IOException("broken pipe");
                        }
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

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

    @Test
    void closesWithTheCodeAndTheReasonCutToFit() {
        List<CloseReason> closes = new ArrayList<>();
        CloseReasons.close(session(true, false, closes), new Disconnect(1008, "é".repeat(100)));
        assertEquals(1, closes.size());
        assertEquals(1008, closes.get(0).getCloseCode().getCode());
        assertEquals("é".repeat(61), closes.get(0).getReasonPhrase());
    }

    @Test
    void aClosedSessionIsLeftAloneAndAFailedCloseIsSwallowed() {
        List<CloseReason> closes = new ArrayList<>();
        CloseReasons.close(session(false, false, closes), new Disconnect(1000, "done"));
        assertEquals(List.of(), closes, "not closed twice");

        CloseReasons.close(session(true, true, closes), new Disconnect(1011, "internal error"));
        assertEquals(1, closes.size(), "tried once, and the IOException did not escape");
    }
}
