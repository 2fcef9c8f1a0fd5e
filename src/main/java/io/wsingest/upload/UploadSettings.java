package io.wsingest.upload;

import java.time.Duration;
import java.util.Objects;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;
import io.wsingest.config.Settings;

/**
 * Settings of protocol A ({@code wsingest.upload.*}).
 *
 * @param bufferSize    the largest data message (header and data) the server accepts, announced as
 *                      {@code BufferSize}
 * @param byteOrder     byte order of a data message's {@code offset} and {@code count}
 * @param heartbeat     how often the server reports the bytes it has durably stored
 * @param idleTimeout   a connection that sends nothing for this long is closed
 * @param restoreWindow how long an interrupted upload can be resumed; after that it expires and its data is deleted
 * @param maxFileSize   the largest upload accepted, announced ({@code TotalFileSize}) or, for a stream of unknown
 *                      size, received
 */
public record UploadSettings(int bufferSize, FrameByteOrder byteOrder, Duration heartbeat, Duration idleTimeout,
                             Duration restoreWindow, long maxFileSize) implements Settings {

    static final String BUFFER_SIZE = "wsingest.upload.buffer-size";
    static final String BYTE_ORDER = "wsingest.upload.byte-order";
    static final String HEARTBEAT_SECONDS = "wsingest.upload.heartbeat-seconds";
    static final String IDLE_TIMEOUT_SECONDS = "wsingest.upload.idle-timeout-seconds";
    static final String RESTORE_WINDOW_SECONDS = "wsingest.upload.restore-window-seconds";
    static final String MAX_FILE_SIZE = "wsingest.upload.max-file-size";

    /** The 10-byte header plus the most an int16 {@code count} can announce. */
    static final int MAX_BUFFER_SIZE = UploadFrameCodec.HEADER_BYTES + Short.MAX_VALUE;
    static final int MIN_BUFFER_SIZE = 1024;

    public UploadSettings {
        Objects.requireNonNull(byteOrder, "byteOrder");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(restoreWindow, "restoreWindow");
        if (bufferSize < MIN_BUFFER_SIZE || bufferSize > MAX_BUFFER_SIZE) {
            throw new IllegalArgumentException("bufferSize must be between " + MIN_BUFFER_SIZE + " and "
                    + MAX_BUFFER_SIZE + ": " + bufferSize);
        }
        if (maxFileSize < 0) {
            throw new IllegalArgumentException("maxFileSize must not be negative: " + maxFileSize);
        }
    }

    public static UploadSettings from(ConfigReader r) {
        UploadSettings settings = new UploadSettings(
                r.intInRange(BUFFER_SIZE, 32768, MIN_BUFFER_SIZE, MAX_BUFFER_SIZE),
                r.choice(BYTE_ORDER, FrameByteOrder.LITTLE_ENDIAN),
                r.seconds(HEARTBEAT_SECONDS, 5, 1, 300),
                r.seconds(IDLE_TIMEOUT_SECONDS, 60, 1, 24 * 3600),
                r.seconds(RESTORE_WINDOW_SECONDS, 24 * 3600, 60, 365L * 24 * 3600),
                r.bytes(MAX_FILE_SIZE, 10L << 30, 0, Long.MAX_VALUE));
        // A connected upload is closed after the idle timeout and counts as interrupted from then on; a window no
        // longer than that could expire an upload whose client is still connected.
        if (settings.restoreWindow.compareTo(settings.idleTimeout.plus(settings.heartbeat)) <= 0) {
            throw new InvalidSettingException(RESTORE_WINDOW_SECONDS, Long.toString(settings.restoreWindow.toSeconds()),
                    "must be longer than " + IDLE_TIMEOUT_SECONDS + " plus " + HEARTBEAT_SECONDS);
        }
        return settings;
    }

    /** The largest {@code count} a data message can carry. */
    public int maxDataBytes() {
        return bufferSize - UploadFrameCodec.HEADER_BYTES;
    }
}
