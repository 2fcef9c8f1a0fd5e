package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PullTokenTest {

    private final PullToken tokens = new PullToken("cluster secret");

    @Test
    void aTokenOpensItsOwnStreamOnly() {
        String token = tokens.of("cam", "s1");
        assertTrue(tokens.matches(token, "cam", "s1"));
        assertFalse(tokens.matches(token, "cam", "s2"));
        assertFalse(tokens.matches(token, "cam2", "s1"));
        assertFalse(tokens.matches(tokens.of("ca", "ms1"), "cam", "s1"), "the separator keeps the parts apart");
    }

    @Test
    void anotherPasswordMakesAnotherToken() {
        assertFalse(new PullToken("other").matches(tokens.of("cam", "s1"), "cam", "s1"));
    }

    @Test
    void garbageIsNoToken() {
        assertFalse(tokens.matches("not hex", "cam", "s1"));
        assertFalse(tokens.matches("", "cam", "s1"));
    }
}
