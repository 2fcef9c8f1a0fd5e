package io.wsingest.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.Settings;

/**
 * Where blobs and spool files live, and how much free disk the store keeps in reserve.
 *
 * @param dir          root of the blob store ({@code wsingest.storage.dir})
 * @param minFreeBytes the store refuses new data that would leave less free disk than this
 *                     ({@code wsingest.storage.min-free-bytes})
 * @param releaseGrace how long the bytes of a blob no file refers to any more are kept before they are deleted
 *                     ({@code wsingest.storage.release-grace-seconds})
 * @param abandonedAfter how long a transient spool file or half-stored content may go unwritten before it counts as
 *                     left behind by a crash and is deleted ({@code wsingest.storage.abandoned-after-seconds})
 * @param userQuotaBytes what one user's stored files and uploads in progress may add up to, over every protocol
 *                     ({@code wsingest.storage.user-quota-bytes})
 * @param cleanupInterval how often the resumable uploads' clean-up runs on each node
 *                     ({@code wsingest.storage.cleanup-interval-seconds})
 */
public record StorageSettings(Path dir, long minFreeBytes, Duration releaseGrace, Duration abandonedAfter,
                              long userQuotaBytes, Duration cleanupInterval) implements Settings {

    static final String DIR = "wsingest.storage.dir";
    static final String MIN_FREE_BYTES = "wsingest.storage.min-free-bytes";
    static final String RELEASE_GRACE = "wsingest.storage.release-grace-seconds";
    static final String ABANDONED_AFTER = "wsingest.storage.abandoned-after-seconds";
    static final String USER_QUOTA_BYTES = "wsingest.storage.user-quota-bytes";
    static final String CLEANUP_INTERVAL = "wsingest.storage.cleanup-interval-seconds";

    /** WildFly's data directory; Payara has none, and its domain directory gets a {@code data} directory instead. */
    private static final String WILDFLY_DATA_DIR = "jboss.server.data.dir";
    private static final String PAYARA_DOMAIN_DIR = "com.sun.aas.instanceRoot";
    private static final long DEFAULT_MIN_FREE_BYTES = 512L << 20;
    private static final long DEFAULT_USER_QUOTA_BYTES = 10L << 30;

    public StorageSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(releaseGrace, "releaseGrace");
        Objects.requireNonNull(abandonedAfter, "abandonedAfter");
        Objects.requireNonNull(cleanupInterval, "cleanupInterval");
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must not be negative: " + minFreeBytes);
        }
        if (userQuotaBytes < 0) {
            throw new IllegalArgumentException("userQuotaBytes must not be negative: " + userQuotaBytes);
        }
    }

    /**
     * Reads the settings; the directory defaults to {@code ws-ingest} under the server's data directory
     * ({@code standalone/data} on WildFly, {@code <domain>/data} on Payara).
     */
    public static StorageSettings from(ConfigReader r) {
        return from(r, serverDataDir(System::getProperty));
    }

    /** The data directory of the server the application runs in, from its system properties; null outside one. */
    static String serverDataDir(UnaryOperator<String> systemProperty) {
        String wildflyData = systemProperty.apply(WILDFLY_DATA_DIR);
        String payaraDomain = systemProperty.apply(PAYARA_DOMAIN_DIR);
        if (wildflyData != null) {
            return wildflyData;
        }
        return payaraDomain != null ? Path.of(payaraDomain, "data").toString() : null;
    }

    /** As {@link #from(ConfigReader)}, with the server data directory given (null outside an application server). */
    static StorageSettings from(ConfigReader r, String serverDataDir) {
        Path defaultDir = serverDataDir == null || serverDataDir.isBlank()
                ? Path.of("data", "ws-ingest")
                : Path.of(serverDataDir, "ws-ingest");
        return new StorageSettings(
                r.path(DIR, defaultDir),
                r.bytes(MIN_FREE_BYTES, DEFAULT_MIN_FREE_BYTES, 0, Long.MAX_VALUE),
                r.seconds(RELEASE_GRACE, 3600, 0, 30L * 24 * 3600),
                // At least an hour: a slow client may pause that long between messages.
                r.seconds(ABANDONED_AFTER, 24 * 3600, 3600, 30L * 24 * 3600),
                r.bytes(USER_QUOTA_BYTES, DEFAULT_USER_QUOTA_BYTES, 0, Long.MAX_VALUE),
                r.seconds(CLEANUP_INTERVAL, 300, 1, 24 * 3600));
    }
}
