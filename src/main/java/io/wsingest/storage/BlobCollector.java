package io.wsingest.storage;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Deletes what the store no longer needs: the bytes of blobs no stored file refers to, once they have been
 * unreferenced for the grace period ({@code wsingest.storage.release-grace-seconds}): an upload of the same content in
 * that time simply revives them; and the files crashes left behind ({@link BlobStore#deleteAbandoned}).
 */
@Singleton
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BlobCollector {

    private static final Logger LOG = Logger.getLogger(BlobCollector.class.getName());
    private static final int BATCH = 500;

    @Inject
    FileRecords records;

    @Inject
    BlobStore blobs;

    @Inject
    BlobLocks locks;

    @Inject
    StorageSettings settings;

    @Schedule(minute = "*/10", hour = "*", persistent = false)
    void collect() {
        List<String> released = records.releasedBefore(Instant.now().minus(settings.releaseGrace()), BATCH);
        int deleted = 0;
        for (String sha256 : released) {
            synchronized (locks.forBlob(sha256)) {
                if (records.forgetIfUnreferenced(sha256)) {
                    try {
                        blobs.delete(sha256);
                        deleted++;
                    } catch (IOException e) {
                        LOG.log(Level.WARNING, "Could not delete unreferenced blob " + sha256, e);
                    }
                }
            }
        }
        if (deleted > 0) {
            int count = deleted;
            LOG.info(() -> "Deleted " + count + " unreferenced blobs");
        }
    }

    @Schedule(minute = "15", hour = "*", persistent = false)
    void deleteAbandoned() {
        Instant cutoff = Instant.now().minus(settings.abandonedAfter());
        try {
            int deleted = blobs.deleteAbandoned(cutoff);
            if (deleted > 0) {
                LOG.info(() -> "Deleted " + deleted + " files interrupted uploads left in the store, unwritten since "
                        + cutoff);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete the files interrupted uploads left in the store", e);
        }
    }
}
