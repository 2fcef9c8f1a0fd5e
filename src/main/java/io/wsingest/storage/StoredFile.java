package io.wsingest.storage;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A file a user stored through one of the protocols: who owns it, which project (if any) it belongs to, its display
 * name and its content (a blob, by SHA-256). Every protocol records its files here, so each can find the others'
 * (protocol D's {@code image_hash} names content uploaded by A, B or C).
 */
@Entity
@Table(name = "stored_files")
public class StoredFile {

    @Id
    private String id;

    @Column(nullable = false)
    private String sha256;

    @Column(nullable = false)
    private long size;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

    @Column(name = "project_id")
    private String projectId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private FileSource source;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StoredFile() {
    }

    StoredFile(String id, String sha256, long size, String fileName, String ownerId, String projectId,
               FileSource source, Instant createdAt) {
        this.id = id;
        this.sha256 = sha256;
        this.size = size;
        this.fileName = fileName;
        this.ownerId = ownerId;
        this.projectId = projectId;
        this.source = source;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getSha256() {
        return sha256;
    }

    public long getSize() {
        return size;
    }

    public String getFileName() {
        return fileName;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public String getProjectId() {
        return projectId;
    }

    public FileSource getSource() {
        return source;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
