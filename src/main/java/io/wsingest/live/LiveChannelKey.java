package io.wsingest.live;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A channel's static stream key: its SHA-256 only, with who set it and when. */
@Entity
@Table(name = "live_channel_keys")
public class LiveChannelKey {

    @Id
    private String channel;

    @Column(name = "key_sha256", nullable = false, length = 64)
    private String keySha256;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected LiveChannelKey() {
    }

    LiveChannelKey(String channel, String keySha256, String updatedBy, Instant updatedAt) {
        this.channel = channel;
        this.keySha256 = keySha256;
        this.updatedBy = updatedBy;
        this.updatedAt = updatedAt;
    }

    public String getChannel() {
        return channel;
    }

    public String getKeySha256() {
        return keySha256;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    void replace(String newKeySha256, String by, Instant at) {
        this.keySha256 = newKeySha256;
        this.updatedBy = by;
        this.updatedAt = at;
    }
}
