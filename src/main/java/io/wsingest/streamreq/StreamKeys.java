package io.wsingest.streamreq;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.wsingest.storage.Sha256;

/**
 * Stream keys: 192 random bits from {@link SecureRandom}, written as 32 URL-safe base64 characters. A key is a
 * bearer secret for its stream (together with its owner's token), so the database keeps only its SHA-256, and logs
 * show only a {@linkplain #prefix prefix}.
 */
public final class StreamKeys {

    private static final int RANDOM_BYTES = 24;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{32}");
    private static final int PREFIX_CHARS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StreamKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the value has the form of a key this server issues (it may still name no stream). */
    public static boolean isWellFormed(String key) {
        return key != null && WELL_FORMED.matcher(key).matches();
    }

    /** What the database stores and looks keys up by: the SHA-256 (hex) of the key. */
    public static String hash(String key) {
        return HexFormat.of().formatHex(Sha256.ofText(key));
    }

    /** The start of a key, enough to tell streams apart in a log and useless for resuming one. */
    public static String prefix(String key) {
        // A client's malformed value is never logged: it could be anything, line breaks included.
        return isWellFormed(key) ? key.substring(0, PREFIX_CHARS) + "…" : "(none)";
    }
}
