package io.wsingest.live;

/**
 * The relay's live figures over JMX, as {@code io.wsingest:type=LiveRelay} in the server's platform MBean server
 * (the WildFly console's JMX view, JConsole, VisualVM, or any JMX exporter). Read-only.
 */
public interface LiveRelayMBean {

    /** Open live connections of every kind. */
    int getConnections();

    /** Channels with a publisher or a receiver. */
    int getActiveChannels();

    /** Channels being published. */
    int getPublishers();

    /** Receivers of a stream (probes included). */
    int getReceivers();

    /** Receivers waiting for a publisher. */
    int getWaitingReceivers();

    /** Bytes received from publishers since the application started. */
    long getBytesIn();

    /** Bytes handed to receivers since the application started. */
    long getBytesOut();

    /** Receivers cut off for falling behind since the application started. */
    long getReceiversDroppedTooSlow();

    long getStreamsStarted();

    long getStreamsEnded();

    /** Bytes held against the cache budget now: all channels' caches and the messages still being received. */
    long getCacheBytes();

    /** The budget of all channels' caches together ({@code wsingest.live.gop-cache-budget-bytes}). */
    long getCacheBudgetBytes();

    /** Bytes dropped from caches to keep within the budget since the application started. */
    long getCacheBytesTrimmed();
}
