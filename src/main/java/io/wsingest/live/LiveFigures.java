package io.wsingest.live;

/**
 * The relay's figures since the application started.
 *
 * @param connections              open live connections of every kind
 * @param activeChannels           channels with a publisher or a receiver
 * @param publishers               channels being published
 * @param receivers                receivers of a stream (probes included)
 * @param waitingReceivers         receivers waiting for a publisher
 * @param bytesIn                  bytes received from publishers
 * @param bytesOut                 bytes handed to receivers
 * @param receiversDroppedTooSlow  receivers cut off for falling behind
 * @param streamsStarted           streams started
 * @param streamsEnded             streams ended
 * @param cacheBytes               bytes held against the cache budget now: all channels' caches (data plus 64 per
 *                                 chunk) and the messages publishers are still sending
 * @param cacheBudgetBytes         the cache budget
 * @param cacheBytesTrimmed        bytes dropped from caches to keep within the budget
 * @param connectionsOpened        live connections opened, of every kind
 */
public record LiveFigures(
        int connections,
        int activeChannels,
        int publishers,
        int receivers,
        int waitingReceivers,
        long bytesIn,
        long bytesOut,
        long receiversDroppedTooSlow,
        long streamsStarted,
        long streamsEnded,
        long cacheBytes,
        long cacheBudgetBytes,
        long cacheBytesTrimmed,
        long connectionsOpened) {
}
