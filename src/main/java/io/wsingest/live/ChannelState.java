package io.wsingest.live;

import java.time.Instant;

/**
 * A channel as operators see it (never its key).
 *
 * @param channel          the name
 * @param publishing       whether a publisher is connected
 * @param streamId         the current stream's id (from the coordinator, or generated)
 * @param publisher        the publisher's address, or an internal publication's origin
 * @param startedAt        when the current stream started
 * @param receivers        receivers of the current stream (probes included)
 * @param waitingReceivers receivers waiting for a publisher
 * @param bytesIn          bytes the current stream brought
 * @param bytesOut         bytes of it handed to receivers
 * @param bitRateIn        bits per second from the publisher, over the last second or so
 * @param bitRateOut       bits per second to all receivers together, over the last second or so
 * @param cachedBytes      bytes in the cache now
 * @param cachedChunks     chunks in the cache now
 * @param cacheEnabled     false when off by setting or by a {@code receive-clear-cache} receiver
 */
public record ChannelState(
        String channel,
        boolean publishing,
        String streamId,
        String publisher,
        Instant startedAt,
        int receivers,
        int waitingReceivers,
        long bytesIn,
        long bytesOut,
        long bitRateIn,
        long bitRateOut,
        long cachedBytes,
        int cachedChunks,
        boolean cacheEnabled) {
}
