package io.wsingest.auth;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;
import io.wsingest.config.Settings;

/**
 * How bearer tokens are verified: the signing keys ({@code wsingest.jwt.*}) and the claims a token must carry.
 *
 * @param secret     the HS256 shared secret (at least 32 bytes of UTF-8), if HS256 tokens are accepted
 * @param publicKey  the RS256 public key, if RS256 tokens are verified with one fixed key
 * @param jwksUrl    where the RS256 keys are published as a JWKS, if they are fetched from an issuer
 * @param issuer     the required {@code iss}, if checked
 * @param audience   a value the {@code aud} must contain, if checked
 * @param clockSkew  how far {@code exp} and {@code nbf} may be off the server's clock
 * @param rolesClaim the claim listing the user's roles
 * @param adminRole  the role that makes a user an administrator
 */
public record JwtSettings(
        Optional<String> secret,
        Optional<RSAPublicKey> publicKey,
        Optional<URI> jwksUrl,
        Optional<String> issuer,
        Optional<String> audience,
        Duration clockSkew,
        String rolesClaim,
        String adminRole) implements Settings {

    public static final String SECRET = "wsingest.jwt.secret";
    public static final String PUBLIC_KEY = "wsingest.jwt.public-key";
    public static final String JWKS_URL = "wsingest.jwt.jwks-url";
    public static final String ISSUER = "wsingest.jwt.issuer";
    public static final String AUDIENCE = "wsingest.jwt.audience";
    public static final String CLOCK_SKEW_SECONDS = "wsingest.jwt.clock-skew-seconds";
    public static final String ROLES_CLAIM = "wsingest.jwt.roles-claim";
    public static final String ADMIN_ROLE = "wsingest.jwt.admin-role";
    public static final String DEV_MODE = "wsingest.dev-mode";

    /** HS256 needs a key as long as its hash (RFC 7518, section 3.2). */
    private static final int MIN_SECRET_BYTES = 32;
    private static final int MIN_RSA_BITS = 2048;

    private static final Pattern PEM_PUBLIC_KEY =
            Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    public JwtSettings {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(rolesClaim, "rolesClaim");
        Objects.requireNonNull(adminRole, "adminRole");
        secret.ifPresent(s -> {
            int length = s.getBytes(StandardCharsets.UTF_8).length;
            if (length < MIN_SECRET_BYTES) {
                // The exception prints its value: never the secret itself.
                throw new InvalidSettingException(SECRET, "(hidden, " + length + " bytes)",
                        "must be at least " + MIN_SECRET_BYTES + " bytes of UTF-8");
            }
        });
        // Two RS256 key sources would leave it unclear which one signs; an operator picks one.
        if (publicKey.isPresent() && jwksUrl.isPresent()) {
            throw new InvalidSettingException(JWKS_URL, jwksUrl.get().toString(),
                    "cannot be combined with " + PUBLIC_KEY + "; configure one RS256 key source");
        }
    }

    /** Reads the settings; in development mode without any key source, the secret is {@link DevMode#SECRET}. */
    public static JwtSettings from(ConfigReader r) {
        Optional<String> secret = r.optionalString(SECRET);
        Optional<RSAPublicKey> publicKey = publicKey(r);
        Optional<URI> jwksUrl = jwksUrl(r);
        boolean noKeySource = secret.isEmpty() && publicKey.isEmpty() && jwksUrl.isEmpty();
        if (noKeySource && r.bool(DEV_MODE, false)) {
            secret = Optional.of(DevMode.SECRET);
        }
        return new JwtSettings(secret, publicKey, jwksUrl,
                r.optionalString(ISSUER),
                r.optionalString(AUDIENCE),
                r.seconds(CLOCK_SKEW_SECONDS, 30, 0, 300),
                r.string(ROLES_CLAIM, "roles"),
                r.string(ADMIN_ROLE, "admin"));
    }

    /** Whether any token can verify at all; without a key source every token is rejected. */
    public boolean hasKeySource() {
        return secret.isPresent() || publicKey.isPresent() || jwksUrl.isPresent();
    }

    /** Whether tokens are verified with the published {@link DevMode#SECRET}, so anyone can mint one. */
    public boolean usesDevelopmentSecret() {
        return secret.filter(DevMode.SECRET::equals).isPresent();
    }

    /** Names the key sources without printing the secret, so the settings can be logged. */
    @Override
    public String toString() {
        return "JwtSettings[secret=" + secret.map(s -> "(hidden)").orElse("none")
                + ", publicKey=" + publicKey.map(k -> "RSA " + k.getModulus().bitLength() + " bits").orElse("none")
                + ", jwksUrl=" + jwksUrl.map(URI::toString).orElse("none")
                + ", issuer=" + issuer.orElse("any")
                + ", audience=" + audience.orElse("any")
                + ", clockSkew=" + clockSkew
                + ", rolesClaim=" + rolesClaim
                + ", adminRole=" + adminRole + "]";
    }

    // The JDK decodes the PEM: Nimbus's own PEM reader needs Bouncy Castle, which the WAR does not bundle.
    private static Optional<RSAPublicKey> publicKey(ConfigReader r) {
        return r.optionalString(PUBLIC_KEY).map(pem -> {
            Matcher m = PEM_PUBLIC_KEY.matcher(pem);
            if (m.matches()) {
                try {
                    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= MIN_RSA_BITS) {
                        return rsa;
                    }
                } catch (IllegalArgumentException | GeneralSecurityException e) {
                    // Not base64 or not an RSA key: reported below like any other bad value.
                }
            }
            throw new InvalidSettingException(PUBLIC_KEY, pem, "must be an RSA public key of at least "
                    + MIN_RSA_BITS + " bits in PEM form (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----)");
        });
    }

    // Kept as a URI: URL.equals resolves host names, which a record's equals must not do.
    private static Optional<URI> jwksUrl(ConfigReader r) {
        return r.optionalString(JWKS_URL).map(raw -> {
            try {
                URI uri = new URI(raw);
                String scheme = Objects.toString(uri.getScheme(), "").toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    uri.toURL();
                    return uri;
                }
            } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
                // Reported below like any other bad value.
            }
            throw new InvalidSettingException(JWKS_URL, raw, "must be an http or https URL");
        });
    }
}
