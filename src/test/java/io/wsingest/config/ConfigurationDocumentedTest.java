package io.wsingest.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.wsingest.auth.JwtSettings;
import io.wsingest.cluster.ClusterSettings;
import io.wsingest.events.EventHistorySettings;
import io.wsingest.galileo.GalileoSettings;
import io.wsingest.live.EdgeSettings;
import io.wsingest.live.LiveSettings;
import io.wsingest.ocr.OcrSettings;
import io.wsingest.storage.StorageSettings;
import io.wsingest.streamreq.StreamSettings;
import io.wsingest.upload.UploadSettings;
import io.wsingest.uploadapi.UploadApiSettings;
import io.wsingest.websocket.ConnectionSettings;

/** Every key the settings records read is documented in docs/configuration.md. */
class ConfigurationDocumentedTest {

    /** Each settings group's reader; a new group adds itself here. */
    private static final List<Consumer<ConfigReader>> GROUPS = List.of(
            JwtSettings::from,
            StorageSettings::from,
            StreamSettings::from,
            GalileoSettings::from,
            LiveSettings::from,
            UploadSettings::from,
            OcrSettings::from,
            UploadApiSettings::from,
            ConnectionSettings::from,
            ClusterSettings::from,
            EventHistorySettings::from,
            EdgeSettings::from);

    @Test
    void everySettingIsInTheConfigurationReference() throws Exception {
        Set<String> keys = new TreeSet<>();
        ConfigReader recording = new ConfigReader(key -> {
            keys.add(key);
            return Optional.empty();
        });
        GROUPS.forEach(group -> group.accept(recording));

        String doc = Files.readString(Path.of("docs", "configuration.md"));
        Set<String> missing = new TreeSet<>();
        for (String key : keys) {
            if (!doc.contains("| `" + key + "` |")) {
                missing.add(key);
            }
        }
        assertTrue(keys.size() > 5, "the recording reader saw the keys: " + keys);
        assertTrue(missing.isEmpty(), "not documented in docs/configuration.md: " + missing);
    }
}
