package io.wsingest.storage;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The database's account of one blob: its size and how many stored files refer to it. The bytes are on disk in the
 * {@link BlobStore}, never here. A blob whose count drops to zero is removed by {@link BlobCollector}.
 */
@Entity
@Table(name = "blobs")
public class BlobRecord {

    @Id
    private String sha256;

    @Column(nullable = false)
    private long size;

    @Column(name = "ref_count", nullable = false)
    private int refCount;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "released_at")
    private Instant releasedAt;

    protected BlobRecord() {
    }

    BlobRecord(String sha256, long size, Instant createdAt) {
        this.sha256 = sha256;
        this.size = size;
        this.createdAt = createdAt;
    }

    public String getSha256() {
        return sha256;
    }

    public long getSize() {
        return size;
    }

    public int getRefCount() {
        return refCount;
    }

    public Instant getReleasedAt() {
        return releasedAt;
    }

    /** Whether no file has referred to the blob since before {@code cutoff}. */
    boolean unreferencedSince(Instant cutoff) {
        return refCount == 0 && releasedAt != null && releasedAt.isBefore(cutoff);
    }

    void retain() {
        refCount++;
        releasedAt = null;
    }

    void release(Instant now) {
        refCount--;
        if (refCount == 0) {
            releasedAt = now;
        }
    }
}
