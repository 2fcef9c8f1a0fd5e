package io.wsingest.monitoring;

import java.util.Optional;

import io.wsingest.auth.Identity;
import io.wsingest.auth.InvalidTokenException;

/**
 * Who may read the metrics: a client at one of {@code wsingest.metrics.allowed-addresses} (a Prometheus server has
 * no token), or anyone else with an administrator's token. Plain Java.
 */
final class ScrapeAccess {

    /** The answer to one request. */
    enum Decision {
        ALLOWED,
        /** Not an allowed address and no token: 401. */
        TOKEN_REQUIRED,
        /** A token that does not verify: 401. */
        INVALID_TOKEN,
        /** A valid token of a user who is not an administrator: 403. */
        NOT_ADMIN
    }

    /** Verifies a token, as {@code TokenVerifier} does. */
    @FunctionalInterface
    interface Verifier {
        Identity verify(String token) throws InvalidTokenException;
    }

    private ScrapeAccess() {
    }

    static Decision decide(boolean allowedAddress, Optional<String> token, Verifier verifier) {
        if (allowedAddress) {
            return Decision.ALLOWED;
        }
        if (token.isEmpty()) {
            return Decision.TOKEN_REQUIRED;
        }
        try {
            return verifier.verify(token.get()).admin() ? Decision.ALLOWED : Decision.NOT_ADMIN;
        } catch (InvalidTokenException e) {
            return Decision.INVALID_TOKEN;
        }
    }
}
