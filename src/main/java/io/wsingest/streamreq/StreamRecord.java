package io.wsingest.streamreq;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.wsingest.cluster.Lease;

/**
 * A stream accepted and not yet complete: what a client needs to resume it (by key, on any node, after a
 * restart) and the cleaner needs to expire it. {@code heldBytes} is the durable length of the spool file.
 */
@Entity
@Table(name = "stream_sessions")
public class StreamRecord {

    @Id
    @Column(name = "key_hash")
    private String keyHash;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

    @Column(nullable = false)
    private String route;

    @Enumerated(EnumType.STRING)
    @Column(name = "data_format", nullable = false)
    private DataFormat dataFormat;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "total_bytes", nullable = false)
    private long totalBytes;

    @Column(name = "buffer_size", nullable = false)
    private int bufferSize;

    @Column(name = "held_bytes", nullable = false)
    private long heldBytes;

    @Column(name = "spool_name", nullable = false)
    private String spoolName;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "active_at", nullable = false)
    private Instant activeAt;

    /** The node run receiving the stream, while one does; see {@link StreamSessions}. */
    @Column(name = "lease_owner")
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "handover_requested", nullable = false)
    private boolean handoverRequested;

    protected StreamRecord() {
    }

    StreamRecord(String keyHash, String ownerId, String route, DataFormat dataFormat, String fileName,
                 long totalBytes, int bufferSize, String spoolName, Instant now) {
        this.keyHash = keyHash;
        this.ownerId = ownerId;
        this.route = route;
        this.dataFormat = dataFormat;
        this.fileName = fileName;
        this.totalBytes = totalBytes;
        this.bufferSize = bufferSize;
        this.spoolName = spoolName;
        this.createdAt = now;
        this.activeAt = now;
    }

    /** A new stream is held by the node run that accepted it. */
    void leaseTo(Lease lease) {
        leaseOwner = lease.owner();
        leaseUntil = lease.until();
    }

    String getLeaseOwner() {
        return leaseOwner;
    }

    boolean isHandoverRequested() {
        return handoverRequested;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public String getRoute() {
        return route;
    }

    public DataFormat getDataFormat() {
        return dataFormat;
    }

    public String getFileName() {
        return fileName;
    }

    public long getTotalBytes() {
        return totalBytes;
    }

    public int getBufferSize() {
        return bufferSize;
    }

    public long getHeldBytes() {
        return heldBytes;
    }

    public String getSpoolName() {
        return spoolName;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getActiveAt() {
        return activeAt;
    }
}
