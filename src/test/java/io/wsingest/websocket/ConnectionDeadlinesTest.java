package io.wsingest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.wsingest.websocket.ConnectionDeadlines.Due;

class ConnectionDeadlinesTest {

    private static final Instant OPENED = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void tokenEndsTheConnectionOnlyAfterTheGrace() {
        ConnectionDeadlines deadlines = new ConnectionDeadlines(OPENED.plusSeconds(60), Duration.ofSeconds(30),
                Duration.ZERO, OPENED);

        assertEquals(OPENED.plusSeconds(90), deadlines.tokenEnd());
        assertEquals(Due.NONE, deadlines.due(OPENED.plusSeconds(89)));
        assertEquals(Due.TOKEN_EXPIRED, deadlines.due(OPENED.plusSeconds(90)));
    }

    @Test
    void aTokenAlreadyExpiredWithoutGraceIsDueAtOnce() {
        ConnectionDeadlines deadlines = new ConnectionDeadlines(OPENED.minusSeconds(1), Duration.ZERO,
                Duration.ZERO, OPENED);

        assertEquals(Due.TOKEN_EXPIRED, deadlines.due(OPENED));
    }

    @Test
    void idleCountsFromTheLastMessage() {
        ConnectionDeadlines deadlines = new ConnectionDeadlines(OPENED.plusSeconds(3600), Duration.ZERO,
                Duration.ofSeconds(10), OPENED);

        assertEquals(Due.NONE, deadlines.due(OPENED.plusSeconds(9)));
        deadlines.heard(OPENED.plusSeconds(9));
        assertEquals(Due.NONE, deadlines.due(OPENED.plusSeconds(18)));
        assertEquals(Due.IDLE, deadlines.due(OPENED.plusSeconds(19)));
    }

    @Test
    void zeroIdleTimeoutNeverEndsAConnection() {
        ConnectionDeadlines deadlines = new ConnectionDeadlines(OPENED.plusSeconds(3600), Duration.ZERO,
                Duration.ZERO, OPENED);

        assertEquals(Due.NONE, deadlines.due(OPENED.plusSeconds(3599)));
    }

    @Test
    void anExpiredTokenIsNamedBeforeIdleness() {
        ConnectionDeadlines deadlines = new ConnectionDeadlines(OPENED.plusSeconds(5), Duration.ZERO,
                Duration.ofSeconds(5), OPENED);

        assertEquals(Due.TOKEN_EXPIRED, deadlines.due(OPENED.plusSeconds(10)));
    }

    @Test
    void refusesNegativeDurations() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionDeadlines(OPENED, Duration.ofSeconds(-1),
                Duration.ZERO, OPENED));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionDeadlines(OPENED, Duration.ZERO,
                Duration.ofSeconds(-1), OPENED));
    }
}
