package io.wsingest.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.wsingest.storage.Sha256;

/**
 * Stream keys are held and compared only as SHA-256 hashes: the database stores no key, and comparing two hashes of
 * equal length with {@link MessageDigest#isEqual} takes the same time wherever they differ.
 */
final class StreamKeys {

    private StreamKeys() {
    }

    static byte[] hash(String key) {
        return Sha256.newDigest().digest(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the key's hash is the expected one; never when nothing is expected (null). */
    static boolean matches(byte[] expectedHash, byte[] presentedHash) {
        return expectedHash != null && presentedHash != null && MessageDigest.isEqual(expectedHash, presentedHash);
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    static byte[] fromHex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
