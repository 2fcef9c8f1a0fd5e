package io.wsingest.live;

/**
 * Decides whether a key may publish or receive on a channel ({@code wsingest.live.key-mode}). Implementations may
 * block (a database read, an HTTP call): they are called on the thread that opens the connection, never on one that
 * relays chunks.
 */
interface KeyPolicy {

    KeyCheck checkPublisher(String channel, String key, String address);

    KeyCheck checkReceiver(String channel, String key, ConnectionKind kind, String address);

    /** {@code open}: every publisher is accepted; receivers must present the stream's key. */
    static KeyPolicy open() {
        return new KeyPolicy() {
            @Override
            public KeyCheck checkPublisher(String channel, String key, String address) {
                return new KeyCheck.Accepted(null, false);
            }

            @Override
            public KeyCheck checkReceiver(String channel, String key, ConnectionKind kind, String address) {
                return new KeyCheck.Accepted(null, false);
            }
        };
    }
}
