package io.wsingest.logging;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An unexpected failure, logged in full under a short reference that is all the client hears of it. Exception texts
 * name files, SQL and hosts: they go to the log, never into a close reason or a reply. An operator finds the
 * client's {@code internal error (ref 7f3a9c01)} in the log by its reference.
 *
 * @param ref eight hex digits, random
 */
public record Incident(String ref) {

    /** A new reference, for a failure whose log line the caller writes itself (with the reference in it). */
    public static Incident next() {
        return new Incident(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    }

    /** Logs the failure at WARNING with a new reference. @param what what failed, for the log (already escaped) */
    public static Incident log(Logger logger, String what, Throwable failure) {
        Incident incident = next();
        logger.log(Level.WARNING, what + " [incident " + incident.ref + "]", failure);
        return incident;
    }

    /** What the client is told: {@code internal error (ref 7f3a9c01)}. */
    public String clientText() {
        return "internal error (ref " + ref + ")";
    }
}
