package io.wsingest.live;

import java.util.Optional;

/** Where the static key of each channel is kept, as its SHA-256. */
public interface KeyStore {

    /** The stored key's hash for the channel, if it has one. */
    Optional<byte[]> keyHash(String channel);
}
