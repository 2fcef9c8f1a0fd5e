package io.wsingest.live;

import java.util.Optional;

import io.wsingest.storage.Sha256;

/**
 * {@code static}: publishers and receivers present the key stored for the channel; a channel without a stored key
 * refuses everyone. A key changed during a stream applies to connections made after the change.
 */
final class StaticKeyPolicy implements KeyPolicy {

    private final KeyStore store;

    StaticKeyPolicy(KeyStore store) {
        this.store = store;
    }

    @Override
    public KeyCheck checkPublisher(String channel, String key, String address) {
        return check(channel, key);
    }

    @Override
    public KeyCheck checkReceiver(String channel, String key, ConnectionKind kind, String address) {
        return check(channel, key);
    }

    private KeyCheck check(String channel, String key) {
        Optional<byte[]> stored;
        try {
            stored = store.keyHash(channel);
        } catch (RuntimeException e) {
            return new KeyCheck.Refused(LiveClose.INTERNAL_ERROR, "cannot read the stored key: " + e);
        }
        if (stored.isEmpty()) {
            return new KeyCheck.Refused(LiveClose.INVALID_STREAMING_KEY, "no key is stored for the channel");
        }
        if (!Sha256.matches(stored.get(), Sha256.ofText(key))) {
            return new KeyCheck.Refused(LiveClose.INVALID_STREAMING_KEY, "not the stored key");
        }
        return new KeyCheck.Accepted(null, true);
    }
}
