package io.wsingest.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

class TokenVerifierTest {

    private static final String SECRET = "token-verifier-test-secret-0123456789";
    private static final String OTHER_SECRET = "some-other-secret-of-enough-length-0123";
    private static final RSAKey RSA = TestTokens.rsaKey("test-key");
    private static final Map<String, String> HS256_ONLY = Map.of(JwtSettings.SECRET, SECRET);
    private static final Map<String, String> RS256_ONLY = Map.of(JwtSettings.PUBLIC_KEY, TestTokens.pem(RSA));

    @Test
    void acceptsValidHs256Token() throws Exception {
        Instant expiry = inMinutes(5);
        Identity identity = verifier(HS256_ONLY).verify(TestTokens.hs256(SECRET, "alice", false, expiry));

        assertEquals(new Identity("alice", false, expiry.truncatedTo(ChronoUnit.SECONDS)), identity);
    }

    @Test
    void acceptsValidRs256TokenWithConfiguredPublicKey() throws Exception {
        Identity identity = verifier(RS256_ONLY).verify(TestTokens.rs256(RSA, claims("bob").build()));

        assertEquals("bob", identity.subject());
        assertFalse(identity.admin());
    }

    @Test
    void acceptsBothAlgorithmsWhenSecretAndPublicKeyAreConfigured() throws Exception {
        TokenVerifier verifier = verifier(Map.of(JwtSettings.SECRET, SECRET,
                JwtSettings.PUBLIC_KEY, TestTokens.pem(RSA)));

        assertEquals("alice", verifier.verify(TestTokens.hs256(SECRET, "alice", false, inMinutes(5))).subject());
        assertEquals("bob", verifier.verify(TestTokens.rs256(RSA, claims("bob").build())).subject());
    }

    @Test
    void rejectsExpiredToken() {
        assertRejected("token expired", verifier(HS256_ONLY),
                TestTokens.hs256(SECRET, "alice", false, Instant.now().minus(Duration.ofMinutes(5))));
    }

    @Test
    void rejectsTokenNotYetValid() {
        String token = TestTokens.hmac(JWSAlgorithm.HS256, SECRET,
                claims("alice").notBeforeTime(Date.from(inMinutes(2))).build());

        assertRejected("token not yet valid", verifier(HS256_ONLY), token);
    }

    @Test
    void acceptsExpiredTokenWithinClockSkew() throws Exception {
        String token = TestTokens.hs256(SECRET, "alice", false, Instant.now().minusSeconds(10));

        assertEquals("alice", verifier(HS256_ONLY).verify(token).subject());
    }

    @Test
    void acceptsTokenNotYetValidWithinClockSkew() throws Exception {
        String token = TestTokens.hmac(JWSAlgorithm.HS256, SECRET,
                claims("alice").notBeforeTime(Date.from(Instant.now().plusSeconds(10))).build());

        assertEquals("alice", verifier(HS256_ONLY).verify(token).subject());
    }

    @Test
    void rejectsExpiredTokenBeyondConfiguredClockSkew() {
        TokenVerifier strict = verifier(Map.of(JwtSettings.SECRET, SECRET, JwtSettings.CLOCK_SKEW_SECONDS, "0"));

        assertRejected("token expired", strict,
                TestTokens.hs256(SECRET, "alice", false, Instant.now().minusSeconds(10)));
    }

    @Test
    void rejectsTokenSignedWithOtherSecret() {
        assertRejected("invalid signature", verifier(HS256_ONLY),
                TestTokens.hs256(OTHER_SECRET, "alice", false, inMinutes(5)));
    }

    @Test
    void rejectsTokenSignedWithOtherRsaKey() {
        assertRejected("invalid signature", verifier(RS256_ONLY),
                TestTokens.rs256(TestTokens.rsaKey("test-key"), claims("bob").build()));
    }

    @Test
    void rejectsUnsecuredToken() {
        assertRejected("unsupported algorithm", verifier(HS256_ONLY), TestTokens.unsecured(claims("alice").build()));
    }

    @Test
    void rejectsHs256TokenWhenOnlyRsaKeyIsConfigured() {
        // Includes the classic confusion attack: the public key itself used as the HMAC secret.
        String token = TestTokens.hmac(JWSAlgorithm.HS256, TestTokens.pem(RSA), claims("mallory").build());

        assertRejected("unsupported algorithm", verifier(RS256_ONLY), token);
    }

    @Test
    void rejectsRs256TokenWhenOnlySecretIsConfigured() {
        assertRejected("unsupported algorithm", verifier(HS256_ONLY), TestTokens.rs256(RSA, claims("bob").build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS384", "HS512"})
    void rejectsOtherHmacAlgorithmsEvenWithTheConfiguredSecret(String algorithm) {
        String longSecret = SECRET.repeat(2);
        String token = TestTokens.hmac(JWSAlgorithm.parse(algorithm), longSecret, claims("alice").build());

        assertRejected("unsupported algorithm", verifier(Map.of(JwtSettings.SECRET, longSecret)), token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-token", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30"})
    void rejectsMalformedToken(String token) {
        assertRejected("malformed token", verifier(HS256_ONLY), token);
    }

    @Test
    void rejectsSignedTokenWhosePayloadIsNotClaims() throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload("not json"));
        jws.sign(new MACSigner(SECRET));

        assertRejected("malformed token", verifier(HS256_ONLY), jws.serialize());
    }

    @Test
    void rejectsTokenOfOtherType() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("logout+jwt")).build();
        SignedJWT jwt = new SignedJWT(header, claims("alice").build());
        jwt.sign(new MACSigner(SECRET));

        assertRejected("unsupported token type", verifier(HS256_ONLY), jwt.serialize());
    }

    @Test
    void acceptsAccessTokenType() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build();
        SignedJWT jwt = new SignedJWT(header, claims("alice").build());
        jwt.sign(new MACSigner(SECRET));

        assertEquals("alice", verifier(HS256_ONLY).verify(jwt.serialize()).subject());
    }

    @Test
    void rejectsTokenWithoutSubject() {
        String token = TestTokens.hmac(JWSAlgorithm.HS256, SECRET, claims(null).build());

        assertRejected("missing subject", verifier(HS256_ONLY), token);
    }

    @Test
    void rejectsTokenWithBlankSubject() {
        String token = TestTokens.hmac(JWSAlgorithm.HS256, SECRET, claims(" ").build());

        assertRejected("missing subject", verifier(HS256_ONLY), token);
    }

    @Test
    void rejectsTokenWithoutExpiration() {
        String token = TestTokens.hmac(JWSAlgorithm.HS256, SECRET, claims("alice").expirationTime(null).build());

        assertRejected("missing expiration time", verifier(HS256_ONLY), token);
    }

    @Test
    void checksIssuerWhenConfigured() throws Exception {
        TokenVerifier verifier = verifier(Map.of(JwtSettings.SECRET, SECRET, JwtSettings.ISSUER, "https://id.example"));

        assertEquals("alice", verifier.verify(hs256(claims("alice").issuer("https://id.example"))).subject());
        assertRejected("wrong issuer", verifier, hs256(claims("alice").issuer("https://evil.example")));
        assertRejected("wrong issuer", verifier, hs256(claims("alice")));
    }

    @Test
    void ignoresIssuerWhenNotConfigured() throws Exception {
        assertEquals("alice", verifier(HS256_ONLY).verify(hs256(claims("alice").issuer("anyone"))).subject());
    }

    @Test
    void checksAudienceWhenConfigured() throws Exception {
        TokenVerifier verifier = verifier(Map.of(JwtSettings.SECRET, SECRET, JwtSettings.AUDIENCE, "ws-ingest"));

        assertEquals("alice", verifier.verify(hs256(claims("alice").audience("ws-ingest"))).subject());
        assertEquals("alice", verifier.verify(hs256(claims("alice").audience(List.of("other", "ws-ingest"))))
                .subject());
        assertRejected("wrong audience", verifier, hs256(claims("alice").audience("other")));
        assertRejected("wrong audience", verifier, hs256(claims("alice")));
    }

    @Test
    void detectsAdminRoleFromArray() throws Exception {
        assertTrue(verifier(HS256_ONLY).verify(TestTokens.hs256(SECRET, "root", true, inMinutes(5))).admin());
        assertTrue(verifier(HS256_ONLY).verify(hs256(claims("root").claim("roles", List.of("user", "admin"))))
                .admin());
    }

    @Test
    void detectsAdminRoleFromSpaceSeparatedString() throws Exception {
        assertTrue(verifier(HS256_ONLY).verify(hs256(claims("root").claim("roles", "user admin"))).admin());
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "administrator", "user,admin"})
    void grantsNoAdminRoleWithoutExactRole(String roles) throws Exception {
        assertFalse(verifier(HS256_ONLY).verify(hs256(claims("alice").claim("roles", roles))).admin());
    }

    @Test
    void grantsNoAdminRoleWhenRolesClaimIsNotStrings() throws Exception {
        assertFalse(verifier(HS256_ONLY).verify(hs256(claims("alice").claim("roles", Map.of("admin", true))))
                .admin());
    }

    @Test
    void readsConfiguredRolesClaimAndAdminRole() throws Exception {
        TokenVerifier verifier = verifier(Map.of(JwtSettings.SECRET, SECRET,
                JwtSettings.ROLES_CLAIM, "groups", JwtSettings.ADMIN_ROLE, "operators"));

        assertTrue(verifier.verify(hs256(claims("root").claim("groups", List.of("operators")))).admin());
        assertFalse(verifier.verify(hs256(claims("root").claim("roles", List.of("admin")))).admin());
    }

    @Test
    void rejectsEveryTokenWhenNoKeyIsConfigured() {
        TokenVerifier verifier = verifier(Map.of());

        assertRejected("no token signing key is configured", verifier,
                TestTokens.hs256(DevMode.SECRET, "alice", false, inMinutes(5)));
        assertRejected("no token signing key is configured", verifier, TestTokens.unsecured(claims("a").build()));
        assertRejected("no token signing key is configured", verifier, "not-a-token");
    }

    @Test
    void devModeAcceptsTokensSignedWithDevelopmentSecret() throws Exception {
        TokenVerifier verifier = verifier(Map.of(JwtSettings.DEV_MODE, "true"));

        assertEquals("alice", verifier.verify(TestTokens.hs256(DevMode.SECRET, "alice", false, inMinutes(5)))
                .subject());
    }

    @Test
    void devModeIsIgnoredWhenSecretIsConfigured() throws Exception {
        TokenVerifier verifier = verifier(Map.of(JwtSettings.DEV_MODE, "true", JwtSettings.SECRET, SECRET));

        assertRejected("invalid signature", verifier, TestTokens.hs256(DevMode.SECRET, "alice", false, inMinutes(5)));
        assertEquals("alice", verifier.verify(TestTokens.hs256(SECRET, "alice", false, inMinutes(5))).subject());
    }

    @Test
    void acceptsRs256TokenWithKeyFromJwks() throws Exception {
        HttpServer jwks = serveJwks(new JWKSet(RSA.toPublicJWK()));
        try {
            TokenVerifier verifier = verifier(Map.of(JwtSettings.JWKS_URL, jwksUrl(jwks)));

            assertEquals("bob", verifier.verify(TestTokens.rs256(RSA, claims("bob").build())).subject());
            assertRejected("unknown signing key", verifier,
                    TestTokens.rs256(TestTokens.rsaKey("unknown-key"), claims("bob").build()));
            assertRejected("unsupported algorithm", verifier, hs256(claims("mallory")));
        } finally {
            jwks.stop(0);
        }
    }

    @Test
    void rejectsRs256TokenWhenJwksCannotBeFetched() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TokenVerifier verifier = verifier(Map.of(JwtSettings.JWKS_URL, "http://127.0.0.1:" + closedPort + "/jwks"));

        assertRejected("signing keys unavailable", verifier, TestTokens.rs256(RSA, claims("bob").build()));
    }

    private static TokenVerifier verifier(Map<String, String> settings) {
        return new TokenVerifier(Configs.jwt(settings));
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return TestTokens.claims(subject, inMinutes(5));
    }

    private static String hs256(JWTClaimsSet.Builder claims) {
        return TestTokens.hmac(JWSAlgorithm.HS256, SECRET, claims.build());
    }

    private static Instant inMinutes(long minutes) {
        return Instant.now().plus(Duration.ofMinutes(minutes));
    }

    private static void assertRejected(String reason, TokenVerifier verifier, String token) {
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
        assertEquals(reason, e.reason());
    }

    /** A JWKS endpoint on the loopback interface, so the test needs no network. */
    private static HttpServer serveJwks(JWKSet keys) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static String jwksUrl(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }
}
