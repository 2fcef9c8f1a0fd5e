package io.wsingest.live;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a node shows the origin to pull a stream: HMAC-SHA256 of the channel and the stream id under the cluster's
 * password. The password itself never crosses the wire, and a token seen on the wire opens that one stream only,
 * which every receiver with the key may watch anyway.
 */
final class PullToken {

    private final SecretKeySpec key;

    PullToken(String password) {
        this.key = new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The token for one stream, as lower-case hex. */
    String of(String channel, String streamId) {
        return HexFormat.of().formatHex(mac(channel, streamId));
    }

    /** Whether {@code token} is the stream's, compared in constant time. */
    boolean matches(String token, String channel, String streamId) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(channel, streamId));
    }

    private byte[] mac(String channel, String streamId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // A separator no channel name or stream id contains: ("a", "bc") and ("ab", "c") differ.
            return mac.doFinal((channel + "\n" + streamId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
