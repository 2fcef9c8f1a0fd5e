package io.wsingest.galileo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.wsingest.config.ConfigReader;

/** The protocol page lists every error exactly as sent, and every setting is in the configuration reference. */
class GalileoDocumentationTest {

    private static final Path PROTOCOL_PAGE = Path.of("docs", "protocol-b-galileosend.md");

    @Test
    void everyErrorIsInTheErrorTableWithItsFatalFlagAndCloseCode() throws Exception {
        String page = Files.readString(PROTOCOL_PAGE);
        Set<GalileoError> missing = new TreeSet<>();
        for (GalileoError error : GalileoError.values()) {
            // "Chunk too large: %d bytes" is documented as "Chunk too large: <bytes> bytes".
            String message = String.join("<[a-z ]+>", Pattern.compile("%[sd]").splitAsStream(error.reason() + "\0")
                    .map(part -> Pattern.quote(part.replace("\0", ""))).toList());
            String row = "(?m)^\\| `" + message + "` \\| "
                    + (error.fatal() ? "yes \\| " + error.code() : "no \\| —") + " \\|";
            if (!Pattern.compile(row).matcher(page).find()) {
                missing.add(error);
            }
        }
        assertTrue(missing.isEmpty(), "not in the error table of " + PROTOCOL_PAGE + ": " + missing);
    }

    @Test
    void everySettingIsDocumented() throws Exception {
        Set<String> keys = new TreeSet<>();
        GalileoSettings.from(new ConfigReader(key -> {
            keys.add(key);
            return Optional.empty();
        }));
        String reference = Files.readString(Path.of("docs", "configuration.md"));
        String page = Files.readString(PROTOCOL_PAGE);
        for (String key : keys) {
            assertTrue(reference.contains("| `" + key + "` |"), key + " in docs/configuration.md");
            assertTrue(page.contains("| `" + key + "` |"), key + " in " + PROTOCOL_PAGE);
        }
        assertTrue(keys.size() == 4, () -> "the settings read: " + keys);
    }
}
