package io.wsingest.streamreq;

import java.time.Duration;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.Settings;

/**
 * Protocol C's settings ({@code wsingest.stream.*}).
 *
 * @param maxBuffer          the largest binary message a client may use; offers of more get this
 * @param maxTotalBytes      the largest stream accepted at all
 * @param checkpointBytes    make a stream's bytes durable (fsync and record the offset) each time this many arrived
 * @param keyTtl             a stream unused this long expires: its key is refused and its data deleted
 * @param jsonMaxValueChars  the longest single string or number the JSON check reads
 * @param idleTimeout        a connection from which nothing arrives for this long is closed
 * @param inlineMaxBytes     the largest file {@code /upload-file} takes inline, in the request's payload
 */
public record StreamSettings(int maxBuffer, long maxTotalBytes, long checkpointBytes,
                             Duration keyTtl, int jsonMaxValueChars, Duration idleTimeout,
                             int inlineMaxBytes) implements Settings {

    static final String MAX_BUFFER = "wsingest.stream.max-buffer";
    static final String MAX_TOTAL_BYTES = "wsingest.stream.max-total-bytes";
    static final String CHECKPOINT_BYTES = "wsingest.stream.checkpoint-bytes";
    static final String KEY_TTL_SECONDS = "wsingest.stream.key-ttl-seconds";
    static final String JSON_MAX_VALUE_CHARS = "wsingest.stream.json-max-value-chars";
    static final String IDLE_TIMEOUT_SECONDS = "wsingest.stream.idle-timeout-seconds";
    static final String INLINE_MAX_BYTES = "wsingest.stream.inline-max-bytes";

    /** Room in a packet for its headers, beside an inline file. */
    private static final int PACKET_HEADROOM_CHARS = 64 * 1024;

    public static StreamSettings from(ConfigReader r) {
        return new StreamSettings(
                (int) r.bytes(MAX_BUFFER, 64L << 10, 1, 16L << 20),
                r.bytes(MAX_TOTAL_BYTES, 10L << 30, 1, Long.MAX_VALUE),
                r.bytes(CHECKPOINT_BYTES, 8L << 20, 64L << 10, 1L << 30),
                r.seconds(KEY_TTL_SECONDS, 86_400, 60, 30L * 86_400),
                r.intInRange(JSON_MAX_VALUE_CHARS, 8 << 20, 1024, 256 << 20),
                r.seconds(IDLE_TIMEOUT_SECONDS, 120, 1, 24 * 3600),
                (int) r.bytes(INLINE_MAX_BYTES, 32L << 10, 0, 1L << 20));
    }

    /**
     * The largest packet (text message) read; a larger one closes the connection with 1009. It has room for an inline
     * file of {@code inlineMaxBytes}: base64 takes 4 characters for 3 bytes, JSON text at most 2 per byte but for
     * rare escapes.
     */
    public int maxPacketChars() {
        return PACKET_HEADROOM_CHARS + 2 * inlineMaxBytes;
    }

    /** The limits stream negotiation applies. */
    public Negotiation.Limits limits() {
        return new Negotiation.Limits(maxBuffer, maxTotalBytes);
    }
}
