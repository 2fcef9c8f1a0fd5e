package io.wsingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wsingest.auth.JwtSettings;
import io.wsingest.live.LiveSettings;
import io.wsingest.storage.StorageSettings;

/** The effective settings: what the settings records read, with their values, and never a secret. */
class EffectiveSettingsTest {

    private static final String SECRET = "a-shared-secret-of-more-than-32-bytes!!";

    private final EffectiveSettings effective = new EffectiveSettings();

    private ConfigReader reader(Map<String, String> values) {
        return new ConfigReader(key -> Optional.ofNullable(values.get(key)), effective::record);
    }

    private EffectiveSettings.Setting setting(String key) {
        return effective.all().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow(() ->
                new AssertionError(key + " not among " + effective.all()));
    }

    @Test
    void listsWhatTheSettingsRecordsReadWithTheirValues() {
        StorageSettings.from(reader(Map.of("wsingest.storage.min-free-bytes", "1GiB")));
        assertEquals(new EffectiveSettings.Setting("wsingest.storage.min-free-bytes", "1073741824", true, false),
                setting("wsingest.storage.min-free-bytes"));
        assertEquals(new EffectiveSettings.Setting("wsingest.storage.release-grace-seconds", "3600", false, false),
                setting("wsingest.storage.release-grace-seconds"));
    }

    @Test
    void aTypedReadWinsOverTheRawReadItMade() {
        reader(Map.of()).string("wsingest.jwt.roles-claim", "roles");
        assertEquals("roles", setting("wsingest.jwt.roles-claim").value());
    }

    @Test
    void secretsAreHiddenEverywhere() {
        JwtSettings.from(reader(Map.of("wsingest.jwt.secret", SECRET)));
        EffectiveSettings.Setting secret = setting("wsingest.jwt.secret");
        assertEquals(new EffectiveSettings.Setting("wsingest.jwt.secret", EffectiveSettings.HIDDEN, true, true), secret);
        assertTrue(setting("wsingest.jwt.public-key").hidden());
        assertFalse(effective.all().toString().contains(SECRET));
        assertFalse(effective.describe().contains(SECRET), effective.describe());
    }

    @Test
    void anUnsetSecretReadsAsUnset() {
        JwtSettings.from(reader(Map.of()));
        assertEquals(null, setting("wsingest.jwt.secret").value());
        assertTrue(effective.describe().endsWith("; wsingest.jwt.secret = (not set) (default)"), effective.describe());
    }

    @Test
    void theLogLineIsOneLine() {
        reader(Map.of("wsingest.live.callback-url", "https://coordinator.example/\nFORGED")).optionalString(
                "wsingest.live.callback-url");
        assertEquals("wsingest.live.callback-url = https://coordinator.example/\\nFORGED", effective.describe());
    }

    @Test
    void namesThatEndInSecretPasswordOrKeyAreSecrets() {
        assertTrue(EffectiveSettings.isSecret("wsingest.jwt.secret"));
        assertTrue(EffectiveSettings.isSecret("wsingest.db.password"));
        assertTrue(EffectiveSettings.isSecret("wsingest.s3.access-key"));
        assertTrue(EffectiveSettings.isSecret("wsingest.signing.keys"));
        assertFalse(EffectiveSettings.isSecret("wsingest.live.key-mode"));
        assertFalse(EffectiveSettings.isSecret("wsingest.stream.key-ttl-seconds"));
    }

    @Test
    void aUrlKeepsItsHostButNotItsUserInformation() {
        LiveSettings.from(reader(Map.of("wsingest.live.key-mode", "callback",
                "wsingest.live.callback-url", "https://svc:pa55word@coordinator.example/publish")));
        assertEquals("https://(hidden)@coordinator.example/publish", setting("wsingest.live.callback-url").value());
        assertEquals("callback", setting("wsingest.live.key-mode").value());
    }
}
