package io.wsingest.upload;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.wsingest.cluster.Lease;

/**
 * A project's resumable upload chain as the database keeps it (at most one per project). The bytes are in a spool
 * file of the blob store until the upload completes; {@code durableOffset} is how many of them were fsynced and are
 * safe to resume from. Changed through {@link ChainRecords}.
 */
@Entity
@Table(name = "upload_sessions")
public class ChainRecord {

    @Id
    private String id;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "total_size")
    private Long totalSize;

    @Column(name = "durable_offset", nullable = false)
    private long durableOffset;

    @Column(name = "save_media", nullable = false)
    private boolean saveMedia;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UploadState state;

    @Column(name = "owner_connection")
    private String ownerConnection;

    @Column(name = "spool_name", nullable = false)
    private String spoolName;

    @Column(name = "stored_file_id")
    private String storedFileId;

    @Column
    private String failure;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** The node run whose connection receives the upload, while one does; see {@link ChainRecords}. */
    @Column(name = "lease_owner")
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "handover_requested", nullable = false)
    private boolean handoverRequested;

    protected ChainRecord() {
    }

    ChainRecord(String id, String projectId, String userId, String fileName, Long totalSize, boolean saveMedia,
                String ownerConnection, Lease lease, Instant now) {
        this.id = id;
        this.projectId = projectId;
        this.userId = userId;
        this.fileName = fileName;
        this.totalSize = totalSize;
        this.saveMedia = saveMedia;
        this.state = UploadState.IN_PROGRESS;
        this.ownerConnection = ownerConnection;
        this.leaseOwner = lease.owner();
        this.leaseUntil = lease.until();
        this.spoolName = spoolNameOf(id);
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Spool files of this protocol are named after their upload; the cleaner recognises them by the prefix. */
    static String spoolNameOf(String uploadId) {
        return ChainRecords.SPOOL_PREFIX + uploadId;
    }

    UploadChain snapshot() {
        return new UploadChain(id, projectId, userId, fileName, totalSize, durableOffset, saveMedia, state, spoolName,
                ownerConnection, storedFileId, failure, createdAt, updatedAt);
    }

    public String getId() {
        return id;
    }

    public String getProjectId() {
        return projectId;
    }

    public UploadState getState() {
        return state;
    }

    public String getOwnerConnection() {
        return ownerConnection;
    }

    String getLeaseOwner() {
        return leaseOwner;
    }

    public String getSpoolName() {
        return spoolName;
    }

    void fail(String reason, Instant now) {
        state = UploadState.FAILED;
        failure = reason.length() > 255 ? reason.substring(0, 255) : reason;
        ownerConnection = null;
        leaseOwner = null;
        leaseUntil = null;
        updatedAt = now;
        finishedAt = now;
    }
}
