package io.wsingest.galileo;

import java.time.Duration;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.Settings;

/**
 * How GalileoSend uploads are received.
 *
 * @param chunkSize        the largest chunk the client may send, announced in every ready signal
 *                         ({@code wsingest.galileo.chunk-size})
 * @param maxFileSize      the largest file a client may announce ({@code wsingest.galileo.max-file-size})
 * @param idleTimeout      a connection that sends nothing for this long is closed and its partial file discarded;
 *                         zero means never ({@code wsingest.galileo.idle-timeout-seconds})
 * @param writeBehindBytes the most bytes of one connection received and not yet written: a chunk is acknowledged on
 *                         receipt while another chunk fits, else once enough is written (0: always once written)
 *                         ({@code wsingest.galileo.write-behind-bytes})
 */
public record GalileoSettings(int chunkSize, long maxFileSize, Duration idleTimeout, long writeBehindBytes)
        implements Settings {

    static final String CHUNK_SIZE = "wsingest.galileo.chunk-size";
    static final String MAX_FILE_SIZE = "wsingest.galileo.max-file-size";
    static final String IDLE_TIMEOUT = "wsingest.galileo.idle-timeout-seconds";
    static final String WRITE_BEHIND = "wsingest.galileo.write-behind-bytes";

    static final int DEFAULT_CHUNK_SIZE = 256 * 1024;
    /**
     * Chunks are held in memory while they arrive (twice this per connection at most, plus the write-behind): keep
     * them modest.
     */
    static final int MAX_CHUNK_SIZE = 16 << 20;
    static final long DEFAULT_MAX_FILE_SIZE = 10L << 30;
    static final long DEFAULT_IDLE_TIMEOUT_SECONDS = 120;
    /**
     * Four chunks of the default size. Hashing and writing a chunk take less time than receiving it, so a short queue
     * keeps the socket and the disk busy at once; more only holds more memory per connection.
     */
    static final long DEFAULT_WRITE_BEHIND_BYTES = 1 << 20;
    static final long MAX_WRITE_BEHIND_BYTES = 1L << 30;

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
        if (writeBehindBytes < 0 || writeBehindBytes > MAX_WRITE_BEHIND_BYTES) {
            throw new IllegalArgumentException("writeBehindBytes must be between 0 and " + MAX_WRITE_BEHIND_BYTES + ": "
                    + writeBehindBytes);
        }
    }

    public static GalileoSettings from(ConfigReader r) {
        return new GalileoSettings(
                (int) r.bytes(CHUNK_SIZE, DEFAULT_CHUNK_SIZE, 1, MAX_CHUNK_SIZE),
                r.bytes(MAX_FILE_SIZE, DEFAULT_MAX_FILE_SIZE, 0, Long.MAX_VALUE),
                r.seconds(IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT_SECONDS, 0, 24 * 3600),
                r.bytes(WRITE_BEHIND, DEFAULT_WRITE_BEHIND_BYTES, 0, MAX_WRITE_BEHIND_BYTES));
    }
}
