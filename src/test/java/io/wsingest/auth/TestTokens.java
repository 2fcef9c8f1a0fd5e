package io.wsingest.auth;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** Mints tokens and keys for tests, good and bad; the integration tests and {@link DevToken} use it too. */
public final class TestTokens {

    private TestTokens() {
    }

    /** An HS256 token for {@code subject}, with the {@code admin} role when asked, expiring at {@code expiry}. */
    public static String hs256(String secret, String subject, boolean admin, Instant expiry) {
        JWTClaimsSet.Builder claims = claims(subject, expiry);
        if (admin) {
            claims.claim("roles", List.of("admin"));
        }
        return hmac(JWSAlgorithm.HS256, secret, claims.build());
    }

    /** The usual claims, issued now; add or override claims before {@code build()}. */
    public static JWTClaimsSet.Builder claims(String subject, Instant expiry) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(new Date())
                .expirationTime(Date.from(expiry));
    }

    /** A token signed with an HMAC algorithm (HS256, HS384, HS512); the secret must be as long as the hash. */
    public static String hmac(JWSAlgorithm algorithm, String secret, JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader(algorithm), new MACSigner(secret), claims);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with " + algorithm, e);
        }
    }

    /** An RS256 token signed with the private part of {@code key}, naming its key ID when it has one. */
    public static String rs256(RSAKey key, JWTClaimsSet claims) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build();
            return sign(header, new RSASSASigner(key), claims);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with RS256", e);
        }
    }

    /** An unsigned token ({@code "alg": "none"}), which no server may accept. */
    public static String unsecured(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** A fresh 2048-bit RSA key pair with the given key ID (or none, if null). */
    public static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** The public part of {@code key} as a PEM "PUBLIC KEY" block, as an operator would configure it. */
    public static String pem(RSAKey key) {
        try {
            byte[] der = key.toRSAPublicKey().getEncoded();
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
            return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        }
    }

    private static String sign(JWSHeader header, JWSSigner signer, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
