package io.wsingest.uploadapi;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;
import io.wsingest.config.Settings;

/**
 * Limits and import directories of the Upload API.
 *
 * @param maxImageBytes     the largest image a create accepts, after base64 decoding ({@code wsingest.uploadapi.max-image-bytes})
 * @param maxMessageChars   the most characters of a message besides its {@code image_base64} value
 *                          ({@code wsingest.uploadapi.max-message-size})
 * @param importDirs        absolute directories whose files {@code image_path} may name; empty turns the feature off
 *                          ({@code wsingest.uploadapi.import-dirs})
 * @param maxOutboundBytes  replies and events waiting to be sent to one socket; a client that lets more pile up is
 *                          disconnected ({@code wsingest.uploadapi.max-outbound-bytes})
 * @param idleTimeout       a socket from which nothing arrives for this long is closed
 *                          ({@code wsingest.uploadapi.idle-timeout-seconds})
 */
public record UploadApiSettings(long maxImageBytes, long maxMessageChars, List<Path> importDirs, long maxOutboundBytes,
                                Duration idleTimeout) implements Settings {

    static final String MAX_IMAGE_BYTES = "wsingest.uploadapi.max-image-bytes";
    static final String MAX_MESSAGE_SIZE = "wsingest.uploadapi.max-message-size";
    static final String IMPORT_DIRS = "wsingest.uploadapi.import-dirs";
    static final String MAX_OUTBOUND_BYTES = "wsingest.uploadapi.max-outbound-bytes";
    static final String IDLE_TIMEOUT_SECONDS = "wsingest.uploadapi.idle-timeout-seconds";

    public UploadApiSettings {
        importDirs = List.copyOf(importDirs);
    }

    public static UploadApiSettings from(ConfigReader r) {
        return new UploadApiSettings(
                // The document's base64 is "unlimited-sized": it streams to disk, so the default is large.
                r.bytes(MAX_IMAGE_BYTES, 1L << 30, 1, 1L << 40),
                r.bytes(MAX_MESSAGE_SIZE, 1L << 20, 1L << 10, 64L << 20),
                importDirs(r),
                r.bytes(MAX_OUTBOUND_BYTES, 16L << 20, 64L << 10, 1L << 30),
                // Long enough for a client that only waits for the events of its uploads and pings now and then.
                r.seconds(IDLE_TIMEOUT_SECONDS, 300, 1, 24 * 3600));
    }

    private static List<Path> importDirs(ConfigReader r) {
        List<Path> dirs = new ArrayList<>();
        for (String entry : r.list(IMPORT_DIRS)) {
            Path dir;
            try {
                dir = Path.of(entry);
            } catch (InvalidPathException e) {
                dir = null;
            }
            if (dir == null || !dir.isAbsolute()) {
                throw new InvalidSettingException(IMPORT_DIRS, entry,
                        "every entry must be an absolute directory path (entries are separated by commas)");
            }
            dirs.add(dir.normalize());
        }
        return dirs;
    }
}
