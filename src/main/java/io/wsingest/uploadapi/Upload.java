package io.wsingest.uploadapi;

import java.time.Instant;
import java.util.Optional;

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
 * (and back to {@code pending} to run OCR again). While it is pending or processing, one OCR job holds its
 * {@link OcrLease}; the job's steps change it only while they still hold the lease.
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

    /** Starts of the OCR job since the upload was created or re-run; see {@link UnfinishedJob#exhausted}. */
    @Column(name = "ocr_attempts", nullable = false)
    private int ocrAttempts;

    /** The OCR job that holds the lease; null when no job is queued or running. */
    @Column(name = "ocr_job")
    private String ocrJob;

    /** The node run ({@code ThisNode.leaseOwner()}) that holds the job's lease. */
    @Column(name = "ocr_lease_owner")
    private String ocrLeaseOwner;

    @Column(name = "ocr_lease_until")
    private Instant ocrLeaseUntil;

    @Version
    private long version;

    protected Upload() {
    }

    /** A new pending upload, its OCR job queued under {@code lease} by the node that creates it. */
    Upload(String id, String ownerId, String imagePath, String imageHash, String contentType, long size, String fileId,
           Instant now, OcrLease lease) {
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
        hold(lease);
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

    /** Whether the job still holds the lease: a job that lost it (taken over, re-run elsewhere) writes nothing. */
    boolean leasedTo(String job) {
        return job.equals(ocrJob);
    }

    /** The lease of the job that holds the upload now, if any. */
    Optional<OcrLease> lease() {
        return ocrJob == null ? Optional.empty() : Optional.of(new OcrLease(ocrJob, ocrLeaseOwner, ocrLeaseUntil));
    }

    /**
     * The job starts: only a pending upload, and only for the job that holds its lease. Each start counts as an
     * attempt.
     */
    boolean startProcessing(String job, Instant now) {
        if (!leasedTo(job) || !moveTo(UploadStatus.PROCESSING, now, UploadStatus.PENDING)) {
            return false;
        }
        ocrAttempts++;
        return true;
    }

    int ocrAttempts() {
        return ocrAttempts;
    }

    /** Whether the job may report text: it holds the lease of an upload being processed. */
    boolean streamsFor(String job) {
        return leasedTo(job) && status == UploadStatus.PROCESSING;
    }

    /** The job finished: the upload is processed and the lease ends. */
    boolean processed(String job, String raw, String processed, Instant now) {
        if (!leasedTo(job) || !moveTo(UploadStatus.PROCESSED, now, UploadStatus.PROCESSING)) {
            return false;
        }
        this.rawText = raw;
        this.processedText = processed;
        hold(null);
        return true;
    }

    /** The job failed, or never started (a full queue): from pending or processing; the lease ends. */
    boolean failed(String job, String message, Instant now) {
        if (!leasedTo(job) || !moveTo(UploadStatus.ERROR, now, UploadStatus.PENDING, UploadStatus.PROCESSING)) {
            return false;
        }
        this.error = message;
        hold(null);
        return true;
    }

    /**
     * Run OCR again: a finished upload goes back to pending, its text and error cleared, its new job queued under
     * {@code lease} by the node that took the command.
     */
    boolean rerun(OcrLease lease, Instant now) {
        if (!moveTo(UploadStatus.PENDING, now, UploadStatus.PROCESSED, UploadStatus.ERROR)) {
            return false;
        }
        rawText = null;
        processedText = null;
        error = null;
        ocrAttempts = 0;
        hold(lease);
        return true;
    }

    /** The error of an upload given up by a takeover (documented in the protocol D page). */
    static String gaveUpMessage(int attempts) {
        return "OCR stopped: the server was interrupted " + attempts + " times while reading this image, so it is"
                + " not tried again; set status to \"pending\" to try once more.";
    }

    void setProcessedText(String text, Instant now) {
        this.processedText = text;
        this.updatedAt = now;
    }

    private void hold(OcrLease lease) {
        ocrJob = lease == null ? null : lease.job();
        ocrLeaseOwner = lease == null ? null : lease.owner();
        ocrLeaseUntil = lease == null ? null : lease.until();
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
