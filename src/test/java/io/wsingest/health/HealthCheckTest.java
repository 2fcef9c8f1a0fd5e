package io.wsingest.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** What {@code /health} tells anyone about a failed check: that it is down, and a reference for the log. */
class HealthCheckTest {

    @Test
    void aFailedCheckAnswersWithAReferenceAndNoExceptionText() {
        String answer = HealthResource.check("database", () -> {
            throw new SQLException("Connection refused: jdbc:postgresql://db.internal:5432/ingest?user=app"
                    + " at /opt/wildfly/standalone/data/ingest.mv.db");
        });
        assertTrue(answer.matches("DOWN \\(ref [0-9a-f]{8}\\)"), answer);
        assertFalse(answer.contains("jdbc") || answer.contains("/opt") || answer.contains("refused"), answer);
    }

    @Test
    void aWorkingCheckAnswersWithItsOwnText() {
        assertEquals("UP", HealthResource.check("broker", () -> "UP"));
    }
}
