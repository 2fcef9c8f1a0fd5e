package io.wsingest.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.wsingest.testing.LogRecorder;

/** What a check tells anyone about a failure (which check, never the exception), and what it tells the log (changes). */
class HealthCheckTest {

    /** A check whose probe answers what the test sets next: a result, or an exception to throw. */
    private static final class ScriptedCheck extends ComponentCheck {
        Object next = ProbeResult.UP;

        @Override
        public String name() {
            return "database";
        }

        @Override
        protected ProbeResult probe() throws Exception {
            if (next instanceof Exception e) {
                throw e;
            }
            return (ProbeResult) next;
        }
    }

    private final ScriptedCheck check = new ScriptedCheck();

    private LogRecorder log;

    @BeforeEach
    void recordLog() {
        log = LogRecorder.of(ComponentCheck.class);
    }

    @AfterEach
    void stopRecording() {
        log.close();
    }

    @Test
    void aFailedProbeSaysSoWithoutTheExceptionText() {
        check.next = new SQLException("Connection refused: jdbc:postgresql://db.internal:5432/ingest?user=app"
                + " at /opt/wildfly/standalone/data/ingest.mv.db");
        String answer = check.result().text();
        assertEquals("DOWN: the check failed; see the server log", answer);
        assertFalse(answer.contains("jdbc") || answer.contains("/opt") || answer.contains("refused"), answer);
    }

    @Test
    void aProblemTheProbeFoundIsNamed() {
        check.next = ProbeResult.down("connection not valid");
        assertEquals("DOWN: connection not valid", check.result().text());
    }

    @Test
    void theLogHearsOfEachChangeOnceWithItsCause() {
        SQLException cause = new SQLException("Connection refused");
        check.next = ProbeResult.UP;
        check.result();
        check.next = cause;
        check.result();
        check.result();
        check.result();
        check.next = ProbeResult.UP;
        check.result();
        check.result();
        check.next = ProbeResult.down("connection not valid");
        check.result();

        assertEquals(List.of(Level.WARNING, Level.INFO, Level.WARNING), log.records().stream().map(LogRecord::getLevel).toList());
        assertInstanceOf(SQLException.class, log.records().get(0).getThrown());
        assertEquals("Health check database is DOWN: the check failed; see the server log", log.records().get(0).getMessage());
        assertEquals("Health check database is UP again", log.records().get(1).getMessage());
        assertEquals("Health check database is DOWN: connection not valid", log.records().get(2).getMessage());
    }

    @Test
    void aWorkingCheckIsUp() {
        assertEquals("UP", check.result().text());
        assertEquals("UP: turned off", new ProbeResult(true, "turned off").text());
    }
}
