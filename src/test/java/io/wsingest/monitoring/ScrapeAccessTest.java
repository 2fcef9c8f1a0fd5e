package io.wsingest.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wsingest.auth.Identity;
import io.wsingest.auth.InvalidTokenException;

class ScrapeAccessTest {

    private static final ScrapeAccess.Verifier TOKENS = token -> switch (token) {
        case "admin" -> new Identity("root", true, Instant.MAX);
        case "user" -> new Identity("alice", false, Instant.MAX);
        default -> throw new InvalidTokenException("bad signature");
    };

    @Test
    void anAllowedAddressNeedsNoToken() {
        assertEquals(ScrapeAccess.Decision.ALLOWED, ScrapeAccess.decide(true, Optional.empty(), TOKENS));
    }

    @Test
    void anyOtherAddressNeedsAnAdministratorsToken() {
        assertEquals(ScrapeAccess.Decision.ALLOWED, ScrapeAccess.decide(false, Optional.of("admin"), TOKENS));
        assertEquals(ScrapeAccess.Decision.TOKEN_REQUIRED, ScrapeAccess.decide(false, Optional.empty(), TOKENS));
        assertEquals(ScrapeAccess.Decision.NOT_ADMIN, ScrapeAccess.decide(false, Optional.of("user"), TOKENS));
        assertEquals(ScrapeAccess.Decision.INVALID_TOKEN, ScrapeAccess.decide(false, Optional.of("forged"), TOKENS));
    }
}
