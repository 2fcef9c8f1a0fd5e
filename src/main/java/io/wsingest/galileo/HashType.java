package io.wsingest.galileo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/** The hashes a client may ask the server to verify in its finished signal. */
public enum HashType {
    SHA1("sha1", "SHA-1"),
    SHA256("sha256", "SHA-256"),
    MD5("md5", "MD5");

    private final String wireName;
    private final String algorithm;

    HashType(String wireName, String algorithm) {
        this.wireName = wireName;
        this.algorithm = algorithm;
    }

    /** The name in a finished signal's {@code hash.type}. */
    public String wireName() {
        return wireName;
    }

    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-1, SHA-256 and MD5.
            throw new IllegalStateException(e);
        }
    }

    /** The type a client named: {@code sha1}, {@code sha256} or {@code md5}, in any case, with or without a dash. */
    public static Optional<HashType> fromWire(String name) {
        String normalised = name.strip().toLowerCase(Locale.ROOT).replace("-", "");
        for (HashType type : values()) {
            if (type.wireName.equals(normalised)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
