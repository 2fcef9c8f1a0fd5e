package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class Sha256Test {

    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hexOfKnownInputs() {
        assertEquals(EMPTY, Sha256.hex(Sha256.newDigest()));

        MessageDigest digest = Sha256.newDigest();
        digest.update("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(ABC, Sha256.hex(digest));
    }

    @Test
    void aTextIsHashedAsItsUtf8Bytes() {
        assertEquals(ABC, HexFormat.of().formatHex(Sha256.ofText("abc")));
        MessageDigest digest = Sha256.newDigest();
        digest.update("\u00e9".getBytes(StandardCharsets.UTF_8));
        assertEquals(Sha256.hex(digest), HexFormat.of().formatHex(Sha256.ofText("\u00e9")));
    }

    @Test
    void hashesMatchOnlyWhenBothArePresentAndEqual() {
        assertTrue(Sha256.matches(Sha256.ofText("key"), Sha256.ofText("key")));
        assertFalse(Sha256.matches(Sha256.ofText("key"), Sha256.ofText("other")));
        assertFalse(Sha256.matches(null, Sha256.ofText("key")), "nothing expected, nothing matches");
        assertFalse(Sha256.matches(Sha256.ofText("key"), null));
    }

    @Test
    void acceptsLowerCaseHexOfSha256Length() {
        assertTrue(Sha256.isHex(EMPTY));
        assertTrue(Sha256.isHex(ABC));
    }

    @Test
    void rejectsAnythingElseAsBlobId() {
        assertFalse(Sha256.isHex(null));
        assertFalse(Sha256.isHex(""));
        assertFalse(Sha256.isHex(ABC.substring(1)));
        assertFalse(Sha256.isHex(ABC + "0"));
        assertFalse(Sha256.isHex(ABC.toUpperCase()));
        assertFalse(Sha256.isHex("g" + ABC.substring(1)));
        assertFalse(Sha256.isHex("../" + ABC.substring(3)));
    }
}
