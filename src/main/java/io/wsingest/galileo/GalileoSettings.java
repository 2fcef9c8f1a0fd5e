package io.wsingest.galileo;

import java.time.Duration;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.Settings;

/**
 * How GalileoSend uploads are received.
 *
 * @param chunkSize   the largest chunk the client may send, announced in every ready signal
 *                    ({@code wsingest.galileo.chunk-size})
 * @param maxFileSize the largest file a client may announce ({@code wsingest.galileo.max-file-size})
 * @param idleTimeout a connection that sends nothing for this long is closed and its partial file discarded; zero
 *                    means never ({@code wsingest.galileo.idle-timeout-seconds})
 */
public record GalileoSettings(int chunkSize, long maxFileSize, Duration idleTimeout) implements Settings {

    static final String CHUNK_SIZE = "wsingest.galileo.chunk-size";
    static final String MAX_FILE_SIZE = "wsingest.galileo.max-file-size";
    static final String IDLE_TIMEOUT = "wsingest.galileo.idle-timeout-seconds";

    static final int DEFAULT_CHUNK_SIZE = 256 * 1024;
    /** Chunks are held in memory while they arrive (twice this per connection at most): keep them modest. */
    static final int MAX_CHUNK_SIZE = 16 << 20;
    static final long DEFAULT_MAX_FILE_SIZE = 10L << 30;
    static final long DEFAULT_IDLE_TIMEOUT_SECONDS = 120;

    public GalileoSettings {
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunkSize must be between 1 and " + MAX_CHUNK_SIZE + ": " + chunkSize);
        }
        if (maxFileSize < 0) {
            throw new IllegalArgumentException("maxFileSize must not be negative: " + maxFileSize);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative: " + idleTimeout);
        }
    }

    public static GalileoSettings from(ConfigReader r) {
        return new GalileoSettings(
                (int) r.bytes(CHUNK_SIZE, DEFAULT_CHUNK_SIZE, 1, MAX_CHUNK_SIZE),
                r.bytes(MAX_FILE_SIZE, DEFAULT_MAX_FILE_SIZE, 0, Long.MAX_VALUE),
                r.seconds(IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT_SECONDS, 0, 24 * 3600));
    }
}
