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

    /** Starts of the OCR job since the upload was created or re-run; see {@link #recover}. */
    @Column(name = "ocr_attempts", nullable = false)
    private int ocrAttempts;

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

    /** A job starts: only a pending upload can start processing. Each start counts as an attempt. */
    boolean startProcessing(Instant now) {
        if (!moveTo(UploadStatus.PROCESSING, now, UploadStatus.PENDING)) {
            return false;
        }
        ocrAttempts++;
        return true;
    }

    int ocrAttempts() {
        return ocrAttempts;
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
        ocrAttempts = 0;
        return true;
    }

    /** What start-up does with an upload whose job a restart may have interrupted. */
    enum Recovery {
        /** Pending again: its job starts over. */
        REQUEUED,
        /** Its job has started {@code maxAttempts} times already: it is in {@code error} now. */
        GAVE_UP,
        /** Not pending or processing (any more): nothing to do. */
        FINISHED
    }

    /**
     * A job a restart interrupted starts over, unless it has already started {@code maxAttempts} times: an image that
     * brings the server down would otherwise do it again at every start.
     */
    Recovery recover(int maxAttempts, Instant now) {
        if (status != UploadStatus.PENDING && status != UploadStatus.PROCESSING) {
            return Recovery.FINISHED;
        }
        if (ocrAttempts >= maxAttempts) {
            moveTo(UploadStatus.ERROR, now, UploadStatus.PENDING, UploadStatus.PROCESSING);
            error = gaveUpMessage(ocrAttempts);
            return Recovery.GAVE_UP;
        }
        moveTo(UploadStatus.PENDING, now, UploadStatus.PROCESSING);
        return Recovery.REQUEUED;
    }

    /** The error of an upload given up at start-up (documented in the protocol D page). */
    static String gaveUpMessage(int attempts) {
        return "OCR stopped: the server was interrupted " + attempts + " times while reading this image, so it is"
                + " not tried again; set status to \"pending\" to try once more.";
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
