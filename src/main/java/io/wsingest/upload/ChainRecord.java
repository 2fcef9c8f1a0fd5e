package io.wsingest.upload;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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

    protected ChainRecord() {
    }

    ChainRecord(String id, String projectId, String userId, String fileName, Long totalSize, boolean saveMedia,
                String ownerConnection, Instant now) {
        this.id = id;
        this.projectId = projectId;
        this.userId = userId;
        this.fileName = fileName;
        this.totalSize = totalSize;
        this.saveMedia = saveMedia;
        this.state = UploadState.IN_PROGRESS;
        this.ownerConnection = ownerConnection;
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

    public String getSpoolName() {
        return spoolName;
    }

    void fail(String reason, Instant now) {
        state = UploadState.FAILED;
        failure = reason.length() > 255 ? reason.substring(0, 255) : reason;
        ownerConnection = null;
        updatedAt = now;
        finishedAt = now;
    }
}
