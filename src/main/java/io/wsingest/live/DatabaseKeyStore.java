package io.wsingest.live;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.wsingest.storage.Sha256;

/** The static stream keys in the database ({@code live_channel_keys}), stored and compared as SHA-256 hashes. */
@ApplicationScoped
@Transactional
public class DatabaseKeyStore implements KeyStore {

    /** A stored key as the administration API lists it: never the key or its hash. */
    public record StoredKey(String channel, String updatedBy, Instant updatedAt) {
    }

    @PersistenceContext
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Optional<byte[]> keyHash(String channel) {
        return Optional.ofNullable(em.find(LiveChannelKey.class, channel))
                .map(k -> HexFormat.of().parseHex(k.getKeySha256()));
    }

    /** Sets the channel's key; true when the channel had none. */
    public boolean put(String channel, String key, String updatedBy) {
        String hash = HexFormat.of().formatHex(Sha256.ofText(key));
        LiveChannelKey existing = em.find(LiveChannelKey.class, channel);
        if (existing != null) {
            existing.replace(hash, updatedBy, clock.instant());
            return false;
        }
        em.persist(new LiveChannelKey(channel, hash, updatedBy, clock.instant()));
        return true;
    }

    /** Removes the channel's key; false when it had none. */
    public boolean delete(String channel) {
        LiveChannelKey existing = em.find(LiveChannelKey.class, channel);
        if (existing == null) {
            return false;
        }
        em.remove(existing);
        return true;
    }

    public Optional<StoredKey> find(String channel) {
        return Optional.ofNullable(em.find(LiveChannelKey.class, channel))
                .map(k -> new StoredKey(k.getChannel(), k.getUpdatedBy(), k.getUpdatedAt()));
    }

    public List<StoredKey> list() {
        return em.createQuery("select k from LiveChannelKey k order by k.channel", LiveChannelKey.class)
                .getResultList().stream()
                .map(k -> new StoredKey(k.getChannel(), k.getUpdatedBy(), k.getUpdatedAt()))
                .toList();
    }
}
