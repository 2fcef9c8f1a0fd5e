package io.wsingest.live;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;
import io.wsingest.config.Settings;
import io.wsingest.net.CidrList;

/**
 * Protocol E's settings ({@code wsingest.live.*}).
 *
 * @param maxNameLength         the longest channel name and key
 * @param keyMode               how keys are checked
 * @param callbackUrl           where the coordinator is asked about publishers (callback mode)
 * @param callbackTimeout       how long the coordinator has to answer, connecting included
 * @param callbackEndAttempts   how many times the coordinator is told of a stream's end before the server gives up
 * @param heartbeat             how often the server sends {@code h} to each connection
 * @param idleTimeout           a connection that sent nothing for this long is closed; zero: never
 * @param gopCacheBytes         each channel's cache of its latest chunks; 0 turns it off
 * @param gopCacheBudgetBytes   every channel's cache together, at most a quarter of the heap
 * @param maxChannels           the most channels that connections may open
 * @param receiverQueueBytes    the live bytes a receiver may have waiting before it is cut off as too slow
 * @param maxChunkBytes         the largest binary message a publisher may send
 * @param maxConnectionsPerIp   the most concurrent connections from one address; 0: no limit
 * @param connectionLimitExempt addresses the per-address limit does not apply to
 * @param receiveWhitelist      when not empty, only these addresses may receive or probe
 */
public record LiveSettings(
        int maxNameLength,
        KeyMode keyMode,
        Optional<URI> callbackUrl,
        Duration callbackTimeout,
        int callbackEndAttempts,
        Duration heartbeat,
        Duration idleTimeout,
        long gopCacheBytes,
        long gopCacheBudgetBytes,
        int maxChannels,
        long receiverQueueBytes,
        long maxChunkBytes,
        int maxConnectionsPerIp,
        CidrList connectionLimitExempt,
        CidrList receiveWhitelist) implements Settings {

    public static final String MAX_NAME_LENGTH = "wsingest.live.max-name-length";
    public static final String KEY_MODE = "wsingest.live.key-mode";
    public static final String CALLBACK_URL = "wsingest.live.callback-url";
    public static final String CALLBACK_TIMEOUT_MILLIS = "wsingest.live.callback-timeout-millis";
    public static final String CALLBACK_END_ATTEMPTS = "wsingest.live.callback-end-attempts";
    public static final String HEARTBEAT_SECONDS = "wsingest.live.heartbeat-seconds";
    public static final String IDLE_TIMEOUT_SECONDS = "wsingest.live.idle-timeout-seconds";
    public static final String GOP_CACHE_BYTES = "wsingest.live.gop-cache-bytes";
    public static final String GOP_CACHE_BUDGET_BYTES = "wsingest.live.gop-cache-budget-bytes";
    public static final String MAX_CHANNELS = "wsingest.live.max-channels";
    public static final String RECEIVER_QUEUE_BYTES = "wsingest.live.receiver-queue-bytes";
    public static final String MAX_CHUNK_BYTES = "wsingest.live.max-chunk-bytes";
    public static final String MAX_CONNECTIONS_PER_IP = "wsingest.live.max-connections-per-ip";
    public static final String CONNECTION_LIMIT_EXEMPT = "wsingest.live.connection-limit-exempt";
    public static final String RECEIVE_WHITELIST = "wsingest.live.receive-whitelist";

    private static final Logger LOG = Logger.getLogger(LiveSettings.class.getName());

    private static final long MIB = 1L << 20;

    public LiveSettings {
        Objects.requireNonNull(keyMode, "keyMode");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Objects.requireNonNull(callbackTimeout, "callbackTimeout");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(connectionLimitExempt, "connectionLimitExempt");
        Objects.requireNonNull(receiveWhitelist, "receiveWhitelist");
        if (keyMode == KeyMode.CALLBACK && callbackUrl.isEmpty()) {
            throw new InvalidSettingException(CALLBACK_URL, "", "must be set when " + KEY_MODE + " is callback");
        }
        if (maxChunkBytes > receiverQueueBytes) {
            throw new InvalidSettingException(MAX_CHUNK_BYTES, Long.toString(maxChunkBytes),
                    "must not exceed " + RECEIVER_QUEUE_BYTES + " (" + receiverQueueBytes + ")");
        }
    }

    public static LiveSettings from(ConfigReader r) {
        return from(r, Runtime.getRuntime().maxMemory());
    }

    /** @param maxHeapBytes the JVM's maximum heap, a quarter of which is the caches' budget and its ceiling */
    static LiveSettings from(ConfigReader r, long maxHeapBytes) {
        return new LiveSettings(
                r.intInRange(MAX_NAME_LENGTH, 128, 1, 255),
                r.choice(KEY_MODE, KeyMode.OPEN),
                callbackUrl(r),
                Duration.ofMillis(r.longInRange(CALLBACK_TIMEOUT_MILLIS, 2000, 100, 60_000)),
                // With waits of 1, 2, 4 … s between tries: 3 tries ride out a coordinator's restart of a few seconds.
                r.intInRange(CALLBACK_END_ATTEMPTS, 3, 1, 10),
                r.seconds(HEARTBEAT_SECONDS, 20, 1, 3600),
                r.seconds(IDLE_TIMEOUT_SECONDS, 60, 0, 24 * 3600),
                r.bytes(GOP_CACHE_BYTES, 256 * MIB, 0, 1L << 40),
                cacheBudget(r, maxHeapBytes / 4),
                r.intInRange(MAX_CHANNELS, 1000, 1, 1_000_000),
                r.bytes(RECEIVER_QUEUE_BYTES, 8 * MIB, 64 * 1024, 1L << 32),
                r.bytes(MAX_CHUNK_BYTES, 4 * MIB, 1024, 256 * MIB),
                r.intInRange(MAX_CONNECTIONS_PER_IP, 64, 0, 1_000_000),
                ranges(r, CONNECTION_LIMIT_EXEMPT),
                ranges(r, RECEIVE_WHITELIST));
    }

    /** Whether idle connections are closed at all. */
    public boolean closesIdleConnections() {
        return !idleTimeout.isZero();
    }

    /** The configured budget, never above the ceiling: a budget larger than the heap cannot hold. */
    private static long cacheBudget(ConfigReader r, long ceiling) {
        long configured = r.bytes(GOP_CACHE_BUDGET_BYTES, ceiling, 0, 1L << 40);
        if (configured > ceiling) {
            LOG.warning(() -> GOP_CACHE_BUDGET_BYTES + " = " + configured + " is more than a quarter of the maximum heap;"
                    + " the live caches get " + ceiling + " bytes");
            return ceiling;
        }
        return configured;
    }

    private static Optional<URI> callbackUrl(ConfigReader r) {
        Optional<String> raw = r.optionalString(CALLBACK_URL);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new InvalidSettingException(CALLBACK_URL, raw.get(), "must be an absolute http or https URL");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(CALLBACK_URL, raw.get(), "must be an absolute http or https URL");
        }
    }

    private static CidrList ranges(ConfigReader r, String key) {
        try {
            return CidrList.parse(r.list(key));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, r.string(key, ""),
                    "must be a comma-separated list of IP addresses and CIDR ranges (" + e.getMessage() + ")");
        }
    }

    /** For the log: the callback URL without its query or user part, which may hold a secret. */
    @Override
    public String toString() {
        String callback = callbackUrl.map(u -> u.getScheme() + "://" + u.getHost()
                + (u.getPort() < 0 ? "" : ":" + u.getPort()) + (u.getRawPath() == null ? "" : u.getRawPath()))
                .orElse("none");
        return "key mode " + ConfigReader.settingName(keyMode)
                + (keyMode == KeyMode.CALLBACK
                        ? " (callback " + callback + ", " + callbackTimeout.toMillis() + " ms, stream ends tried "
                                + callbackEndAttempts + " times)"
                        : "")
                + ", heartbeat " + heartbeat.toSeconds() + " s"
                + ", idle timeout " + (closesIdleConnections() ? idleTimeout.toSeconds() + " s" : "off")
                + ", GOP cache " + gopCacheBytes + " bytes per channel, " + gopCacheBudgetBytes + " bytes in all"
                + ", at most " + maxChannels + " channels"
                + ", receiver queue " + receiverQueueBytes + " bytes"
                + ", max chunk " + maxChunkBytes + " bytes"
                + ", names up to " + maxNameLength
                + ", per-address limit " + (maxConnectionsPerIp == 0 ? "off" : maxConnectionsPerIp
                        + (connectionLimitExempt.isEmpty() ? "" : " except " + connectionLimitExempt))
                + ", receive whitelist " + (receiveWhitelist.isEmpty() ? "off" : receiveWhitelist);
    }
}
