package io.wsingest.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * Prints a token for a development server:
 * {@code mvn -q test-compile exec:java@token -Dsub=alice [-Dadmin=true] [-Dminutes=60] [-Dsecret=...]}. Signed with
 * {@link DevMode#SECRET} unless {@code -Dsecret} names the server's own secret.
 */
public final class DevToken {

    private static final String USAGE =
            "usage: mvn -q test-compile exec:java@token -Dsub=NAME [-Dadmin=true] [-Dminutes=60] [-Dsecret=SECRET]";

    private DevToken() {
    }

    public static void main(String[] args) {
        String subject = System.getProperty("sub", "");
        if (subject.isBlank()) {
            throw new IllegalArgumentException(USAGE);
        }
        boolean admin = Boolean.parseBoolean(System.getProperty("admin", "false"));
        long minutes;
        try {
            minutes = Long.parseLong(System.getProperty("minutes", "60"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dminutes must be a whole number; " + USAGE, e);
        }
        String secret = System.getProperty("secret", DevMode.SECRET);
        System.out.println(TestTokens.hs256(secret, subject, admin, Instant.now().plus(Duration.ofMinutes(minutes))));
    }
}
