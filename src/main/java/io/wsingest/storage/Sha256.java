package io.wsingest.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 for the whole product: blob ids are the lower-case hex SHA-256 of the content, and a secret the server must
 * recognise later (a stream key of protocol C or E) is kept only as the SHA-256 of its text.
 */
public final class Sha256 {

    private static final int HEX_LENGTH = 64;

    private Sha256() {
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException(e);
        }
    }

    /** Completes the digest (which resets it) and returns the hash as 64 lower-case hex characters. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of the text's UTF-8 bytes: how a secret is held, so that no database row reveals it. */
    public static byte[] ofText(String text) {
        return newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether a presented secret's hash is the expected one, never when either is missing; the comparison takes the
     * same time wherever two hashes differ, so timing tells nothing about the expected one.
     */
    public static boolean matches(byte[] expectedHash, byte[] presentedHash) {
        return expectedHash != null && presentedHash != null && MessageDigest.isEqual(expectedHash, presentedHash);
    }

    /** Whether the value is a SHA-256 in the form used for blob ids: exactly 64 lower-case hex characters. */
    public static boolean isHex(String value) {
        if (value == null || value.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < HEX_LENGTH; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
