package io.wsingest.live;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.wsingest.cluster.Handovers;
import io.wsingest.cluster.Lease;

/**
 * The cluster's directory of live channels ({@code live_channels}): which node run publishes each channel now, with
 * the stream's id. Every method is one transaction. An entry is a lease like those of protocols A, C and D: its node
 * renews it while the stream runs and deletes it when the stream ends; an entry whose lease ran out, or that an earlier
 * run of this node left, belongs to nobody. A claim is one conditional statement (or one insert against the primary
 * key), so two nodes never both hold a channel.
 */
@ApplicationScoped
@Transactional
public class ChannelDirectory {

    /** A channel published on a node, as the directory has it. */
    public record Origin(String channel, String streamId, URI nodeUrl, byte[] receiverKeyHash, String owner) {
    }

    /** How a claim on an existing entry turned out. */
    enum Claim {
        /** The entry is this node's now. */
        TAKEN,
        /** A live node holds it. */
        HELD,
        /** There is no entry: insert one. */
        ABSENT
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Handovers handovers;

    /** The entries of these channels that a live node holds at {@code now}. */
    List<Origin> published(Collection<String> channels, Instant now) {
        if (channels.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select r from LiveChannelRecord r where r.channel in :channels"
                        + " and r.leaseUntil >= :now", LiveChannelRecord.class)
                .setParameter("channels", channels)
                .setParameter("now", now)
                .getResultList().stream()
                .filter(r -> !handovers.isDead(r.getLeaseOwner()))
                .map(ChannelDirectory::origin)
                .toList();
    }

    /** Takes the channel's entry for a stream of this node, if its holder died or its lease ran out. */
    Claim takeOver(String channel, String streamId, URI nodeUrl, byte[] receiverKeyHash, Lease lease, Instant now) {
        LiveChannelRecord current = em.find(LiveChannelRecord.class, channel);
        if (current == null) {
            return Claim.ABSENT;
        }
        String dead = handovers.isDead(current.getLeaseOwner()) ? current.getLeaseOwner() : "";
        int updated = em.createQuery("update LiveChannelRecord r set r.streamId = :stream, r.nodeUrl = :url,"
                        + " r.receiverKeySha256 = :key, r.leaseOwner = :owner, r.leaseUntil = :until"
                        + " where r.channel = :channel and (r.leaseUntil < :now or r.leaseOwner = :dead)")
                .setParameter("stream", streamId)
                .setParameter("url", nodeUrl.toString())
                .setParameter("key", hex(receiverKeyHash))
                .setParameter("owner", lease.owner())
                .setParameter("until", lease.until())
                .setParameter("channel", channel)
                .setParameter("now", now)
                .setParameter("dead", dead)
                .executeUpdate();
        return updated == 1 ? Claim.TAKEN : Claim.HELD;
    }

    /**
     * Enters a channel that has no entry. Throws (at the flush) when another node entered it meanwhile: the caller
     * then looks again.
     */
    void insert(String channel, String streamId, URI nodeUrl, byte[] receiverKeyHash, Lease lease) {
        em.persist(new LiveChannelRecord(channel, streamId, nodeUrl.toString(), hex(receiverKeyHash), lease.owner(),
                lease.until()));
        em.flush();
    }

    /** The stream ended: its entry goes, if it is still this stream's and {@code owner}'s. */
    void release(String channel, String streamId, String owner) {
        em.createQuery("delete from LiveChannelRecord r where r.channel = :channel and r.streamId = :stream"
                        + " and r.leaseOwner = :owner")
                .setParameter("channel", channel)
                .setParameter("stream", streamId)
                .setParameter("owner", owner)
                .executeUpdate();
    }

    /** Extends {@code owner}'s entries of these channels, the ones it publishes now. */
    void renew(String owner, Collection<String> channels, Instant until) {
        if (channels.isEmpty()) {
            return;
        }
        em.createQuery("update LiveChannelRecord r set r.leaseUntil = :until where r.leaseOwner = :owner"
                        + " and r.channel in :channels")
                .setParameter("until", until)
                .setParameter("owner", owner)
                .setParameter("channels", channels)
                .executeUpdate();
    }

    private static Origin origin(LiveChannelRecord r) {
        byte[] key = r.getReceiverKeySha256() == null ? null : HexFormat.of().parseHex(r.getReceiverKeySha256());
        return new Origin(r.getChannel(), r.getStreamId(), URI.create(r.getNodeUrl()), key, r.getLeaseOwner());
    }

    private static String hex(byte[] hash) {
        return hash == null ? null : HexFormat.of().formatHex(hash);
    }
}
