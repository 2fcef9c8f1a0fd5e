package io.wsingest.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.wsingest.config.InvalidSettingException;

class JwtSettingsTest {

    private static final String SECRET = "a-secret-of-exactly-32-bytes-000";

    @Test
    void readsDefaultsWithoutAnyKeySource() {
        JwtSettings settings = Configs.jwt(Map.of());

        assertFalse(settings.hasKeySource());
        assertFalse(settings.usesDevelopmentSecret());
        assertEquals(Duration.ofSeconds(30), settings.clockSkew());
        assertEquals("roles", settings.rolesClaim());
        assertEquals("admin", settings.adminRole());
        assertEquals(Optional.empty(), settings.issuer());
        assertEquals(Optional.empty(), settings.audience());
    }

    @Test
    void readsEverySetting() {
        JwtSettings settings = Configs.jwt(Map.of(
                JwtSettings.SECRET, SECRET,
                JwtSettings.ISSUER, "https://issuer.example",
                JwtSettings.AUDIENCE, "ws-ingest",
                JwtSettings.CLOCK_SKEW_SECONDS, "5",
                JwtSettings.ROLES_CLAIM, "groups",
                JwtSettings.ADMIN_ROLE, "operators"));

        assertTrue(settings.hasKeySource());
        assertEquals(Optional.of(SECRET), settings.secret());
        assertEquals(Optional.of("https://issuer.example"), settings.issuer());
        assertEquals(Optional.of("ws-ingest"), settings.audience());
        assertEquals(Duration.ofSeconds(5), settings.clockSkew());
        assertEquals("groups", settings.rolesClaim());
        assertEquals("operators", settings.adminRole());
    }

    @Test
    void rejectsSecretShorterThan32BytesWithoutPrintingIt() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> Configs.jwt(Map.of(JwtSettings.SECRET, "short-but-secret")));

        assertEquals(JwtSettings.SECRET, e.key());
        assertFalse(e.getMessage().contains("short-but-secret"), e.getMessage());
    }

    @Test
    void countsSecretLengthInUtf8Bytes() {
        // 16 characters, 32 bytes.
        String secret = "é".repeat(16);

        assertEquals(Optional.of(secret), Configs.jwt(Map.of(JwtSettings.SECRET, secret)).secret());
    }

    @Test
    void readsPemPublicKey() {
        JwtSettings settings = Configs.jwt(Map.of(JwtSettings.PUBLIC_KEY, TestTokens.pem(TestTokens.rsaKey(null))));

        assertTrue(settings.hasKeySource());
        assertEquals(2048, settings.publicKey().orElseThrow().getModulus().bitLength());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not a key",
            "-----BEGIN PUBLIC KEY-----\nMIIB!!notbase64\n-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
            "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"})
    void rejectsBadPemNamingTheKey(String pem) {
        assertRejected(JwtSettings.PUBLIC_KEY, pem);
    }

    @Test
    void rejectsPublicKeyThatIsNotRsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        String body = Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());

        assertRejected(JwtSettings.PUBLIC_KEY, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----");
    }

    @Test
    void readsJwksUrl() {
        String url = "https://issuer.example/.well-known/jwks.json";
        JwtSettings settings = Configs.jwt(Map.of(JwtSettings.JWKS_URL, url));

        assertTrue(settings.hasKeySource());
        assertEquals(Optional.of(URI.create(url)), settings.jwksUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"issuer.example/jwks", "ftp://issuer.example/jwks", "http://", "https://bad host/jwks"})
    void rejectsBadJwksUrlNamingTheKey(String url) {
        assertRejected(JwtSettings.JWKS_URL, url);
    }

    @Test
    void rejectsPublicKeyCombinedWithJwksUrl() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> Configs.jwt(Map.of(
                JwtSettings.PUBLIC_KEY, TestTokens.pem(TestTokens.rsaKey(null)),
                JwtSettings.JWKS_URL, "https://issuer.example/jwks")));

        assertEquals(JwtSettings.JWKS_URL, e.key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "301", "thirty"})
    void rejectsBadClockSkewNamingTheKey(String skew) {
        assertRejected(JwtSettings.CLOCK_SKEW_SECONDS, skew);
    }

    @Test
    void toStringHidesSecret() {
        String text = Configs.jwt(Map.of(JwtSettings.SECRET, SECRET)).toString();

        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("secret=(hidden)"), text);
    }

    @Test
    void devModeSuppliesDevelopmentSecretWhenNoKeyIsConfigured() {
        JwtSettings settings = Configs.jwt(Map.of(JwtSettings.DEV_MODE, "true"));

        assertEquals(Optional.of(DevMode.SECRET), settings.secret());
        assertTrue(settings.usesDevelopmentSecret());
    }

    @Test
    void devModeKeepsConfiguredPublicKeyWithoutDevelopmentSecret() {
        JwtSettings settings = Configs.jwt(Map.of(
                JwtSettings.DEV_MODE, "true",
                JwtSettings.PUBLIC_KEY, TestTokens.pem(TestTokens.rsaKey(null))));

        assertEquals(Optional.empty(), settings.secret());
        assertFalse(settings.usesDevelopmentSecret());
    }

    private static void assertRejected(String key, String value) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> Configs.jwt(Map.of(key, value)));
        assertEquals(key, e.key());
    }
}
