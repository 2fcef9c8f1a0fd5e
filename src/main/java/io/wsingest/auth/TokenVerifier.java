package io.wsingest.auth;

import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;

/**
 * Verifies bearer tokens (signed JWTs) and tells whose they are. Accepts HS256 when a secret is configured and RS256
 * when a public key or a JWKS is; every other algorithm, unsigned tokens included, is refused. Without any key
 * source every token is refused. Built once from {@link JwtSettings}; thread-safe.
 */
public final class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class.getName());

    /** A slow key server must not hold up handshakes for long; the keys are cached between fetches. */
    private static final int JWKS_TIMEOUT_MILLIS = 2_000;

    private static final String MISSING_CLAIMS = "JWT missing required claims:";

    /** The key selector for each accepted algorithm; an algorithm not here is refused. */
    private final Map<JWSAlgorithm, JWSKeySelector<SecurityContext>> keys;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String rolesClaim;
    private final String adminRole;

    public TokenVerifier(JwtSettings settings) {
        Map<JWSAlgorithm, JWSKeySelector<SecurityContext>> selectors = new HashMap<>();
        settings.secret().ifPresent(secret -> selectors.put(JWSAlgorithm.HS256, new SingleKeyJWSKeySelector<>(
                JWSAlgorithm.HS256, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))));
        settings.publicKey().ifPresent(key -> selectors.put(JWSAlgorithm.RS256,
                new SingleKeyJWSKeySelector<>(JWSAlgorithm.RS256, key)));
        settings.jwksUrl().ifPresent(url -> selectors.put(JWSAlgorithm.RS256,
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, jwkSource(url))));
        keys = Map.copyOf(selectors);
        rolesClaim = settings.rolesClaim();
        adminRole = settings.adminRole();

        processor.setJWSKeySelector(this::selectKeys);
        // Also RFC 9068 access tokens ("typ": "at+jwt"), which identity providers issue.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, JOSEObjectType.JOSE, new JOSEObjectType("at+jwt"), null));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audience().map(Set::of).orElse(null),
                settings.issuer().map(iss -> new JWTClaimsSet.Builder().issuer(iss).build()).orElse(null),
                Set.of("sub", "exp"),
                null);
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * The identity {@code token} proves.
     *
     * @throws InvalidTokenException if the token is malformed, not signed with a configured key and accepted
     *                               algorithm, expired or not yet valid, or lacks a required claim
     */
    public Identity verify(String token) throws InvalidTokenException {
        if (keys.isEmpty()) {
            throw new InvalidTokenException("no token signing key is configured");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("malformed token");
        }
        // Checked up front for a clear reason; the key selector refuses these algorithms all the same.
        if (!(jwt instanceof SignedJWT signed) || !keys.containsKey(signed.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("unsupported algorithm");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJOSEException e) {
            throw new InvalidTokenException(reason(e));
        } catch (KeySourceException e) {
            // One line, no stack trace: while the key server is down this happens on every handshake.
            LOG.warning(() -> "Cannot get the token signing keys: " + e.getMessage());
            throw new InvalidTokenException("signing keys unavailable");
        } catch (JOSEException e) {
            throw new InvalidTokenException("invalid token");
        }
        String subject = claims.getSubject();
        if (subject.isBlank()) {
            throw new InvalidTokenException("missing subject");
        }
        // exp is a required claim, so the processor has checked that it is there.
        return new Identity(subject, hasAdminRole(claims.getClaim(rolesClaim)), claims.getExpirationTime().toInstant());
    }

    private List<? extends Key> selectKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWSKeySelector<SecurityContext> selector = keys.get(header.getAlgorithm());
        return selector == null ? List.of() : selector.selectJWSKeys(header, context);
    }

    /** Roles come as a JSON array of strings or, OAuth {@code scope} style, as one space-separated string. */
    private boolean hasAdminRole(Object roles) {
        if (roles instanceof List<?> list) {
            return list.contains(adminRole);
        }
        if (roles instanceof String text) {
            return Arrays.asList(text.trim().split("\\s+")).contains(adminRole);
        }
        return false;
    }

    // Nimbus tells which check failed mostly in its messages; the tests pin each of these mappings.
    private static String reason(BadJOSEException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof ExpiredJWTException) {
            return "token expired";
        }
        if (e instanceof BadJWSException) {
            return "invalid signature";
        }
        if (e instanceof BadJWTException) {
            return e.getCause() instanceof ParseException ? "malformed token" : claimsReason(message);
        }
        if (message.startsWith("JOSE header typ")) {
            return "unsupported token type";
        }
        // The algorithm is accepted by now, so this is a JWKS without the token's key ID.
        return message.contains("no matching key") ? "unknown signing key" : "invalid token";
    }

    private static String claimsReason(String message) {
        if (message.startsWith(MISSING_CLAIMS)) {
            // Names every missing claim ("[exp, sub]"), so the first match by importance wins.
            String missing = message.substring(MISSING_CLAIMS.length());
            return missing.contains("iss") ? "wrong issuer"
                    : missing.contains("aud") ? "wrong audience"
                    : missing.contains("sub") ? "missing subject"
                    : "missing expiration time";
        }
        if (message.startsWith("JWT before use time")) {
            return "token not yet valid";
        }
        if (message.startsWith("JWT iss ")) {
            return "wrong issuer";
        }
        if (message.startsWith("JWT aud ") || message.startsWith("JWT missing required aud")) {
            return "wrong audience";
        }
        return "invalid claims";
    }

    private static JWKSource<SecurityContext> jwkSource(URI url) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(url.toURL(),
                            new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS,
                                    JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
                    .cache(true)
                    .rateLimited(true)
                    .build();
        } catch (MalformedURLException e) {
            // JwtSettings only admits URLs that convert.
            throw new IllegalArgumentException("Invalid JWKS URL " + url, e);
        }
    }
}
