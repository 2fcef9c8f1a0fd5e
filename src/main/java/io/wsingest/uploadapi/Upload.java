package io.wsingest.uploadapi;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One upload of the Upload API: whose it is, its content (a stored file, by SHA-256), and where its OCR stands.
 * Status changes go through the methods here, which enforce the order {@code pending → processing → processed|error}
 * (and back to {@code pending} to run OCR again).
 */
@Entity
@Table(name = "uploads")
public class Upload {

    @Id
    private String id;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UploadStatus status;

    @Column(name = "image_path")
    private String imagePath;

    @Column(name = "image_hash", nullable = false)
    private String imageHash;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(nullable = false)
    private long size;

    @Column(name = "file_id", nullable = false)
    private String fileId;

    @Column(name = "raw_text")
    private String rawText;

    @Column(name = "processed_text")
    private String processedText;

    @Column(name = "error")
    private String error;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Upload() {
    }

    Upload(String id, String ownerId, String imagePath, String imageHash, String contentType, long size, String fileId,
           Instant now) {
        this.id = id;
        this.ownerId = ownerId;
        this.status = UploadStatus.PENDING;
        this.imagePath = imagePath;
        this.imageHash = imageHash;
        this.contentType = contentType;
        this.size = size;
        this.fileId = fileId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UploadView view() {
        return new UploadView(id, ownerId, status, imagePath, imageHash, contentType, size, createdAt, updatedAt,
                rawText, processedText, error);
    }

    String getId() {
        return id;
    }

    String getOwnerId() {
        return ownerId;
    }

    UploadStatus getStatus() {
        return status;
    }

    String getFileId() {
        return fileId;
    }

    /** A job starts: only a pending upload can start processing. */
    boolean startProcessing(Instant now) {
        return moveTo(UploadStatus.PROCESSING, now, UploadStatus.PENDING);
    }

    boolean processed(String raw, String processed, Instant now) {
        if (!moveTo(UploadStatus.PROCESSED, now, UploadStatus.PROCESSING)) {
            return false;
        }
        this.rawText = raw;
        this.processedText = processed;
        return true;
    }

    /** OCR failed, or never started (a full queue): from pending or processing. */
    boolean failed(String message, Instant now) {
        if (!moveTo(UploadStatus.ERROR, now, UploadStatus.PENDING, UploadStatus.PROCESSING)) {
            return false;
        }
        this.error = message;
        return true;
    }

    /** Run OCR again: a finished upload goes back to pending, its text and error cleared. */
    boolean rerun(Instant now) {
        if (!moveTo(UploadStatus.PENDING, now, UploadStatus.PROCESSED, UploadStatus.ERROR)) {
            return false;
        }
        rawText = null;
        processedText = null;
        error = null;
        return true;
    }

    /** A job a restart interrupted starts over. */
    boolean requeue(Instant now) {
        return status == UploadStatus.PENDING || moveTo(UploadStatus.PENDING, now, UploadStatus.PROCESSING);
    }

    void setProcessedText(String text, Instant now) {
        this.processedText = text;
        this.updatedAt = now;
    }

    private boolean moveTo(UploadStatus next, Instant now, UploadStatus... from) {
        for (UploadStatus allowed : from) {
            if (status == allowed) {
                status = next;
                updatedAt = now;
                return true;
            }
        }
        return false;
    }
}
