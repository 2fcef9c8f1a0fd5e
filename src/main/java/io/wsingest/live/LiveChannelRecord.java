package io.wsingest.live;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A channel's entry in the cluster's directory: the stream published on it now, the node that holds the publisher
 * and where that node is pulled from, under a lease of that node's run.
 */
@Entity
@Table(name = "live_channels")
public class LiveChannelRecord {

    @Id
    private String channel;

    @Column(name = "stream_id", nullable = false)
    private String streamId;

    @Column(name = "node_url", nullable = false)
    private String nodeUrl;

    /** Lower-case hex SHA-256 of the key receivers present; null: only receivers whose key was verified. */
    @Column(name = "receiver_key_sha256", length = 64)
    private String receiverKeySha256;

    @Column(name = "lease_owner", nullable = false)
    private String leaseOwner;

    @Column(name = "lease_until", nullable = false)
    private Instant leaseUntil;

    protected LiveChannelRecord() {
    }

    LiveChannelRecord(String channel, String streamId, String nodeUrl, String receiverKeySha256, String leaseOwner,
            Instant leaseUntil) {
        this.channel = channel;
        this.streamId = streamId;
        this.nodeUrl = nodeUrl;
        this.receiverKeySha256 = receiverKeySha256;
        this.leaseOwner = leaseOwner;
        this.leaseUntil = leaseUntil;
    }

    public String getChannel() {
        return channel;
    }

    public String getStreamId() {
        return streamId;
    }

    public String getNodeUrl() {
        return nodeUrl;
    }

    public String getReceiverKeySha256() {
        return receiverKeySha256;
    }

    public String getLeaseOwner() {
        return leaseOwner;
    }

    public Instant getLeaseUntil() {
        return leaseUntil;
    }
}
