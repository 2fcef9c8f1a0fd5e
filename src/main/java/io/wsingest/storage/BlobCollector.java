package io.wsingest.storage;

import java.io.IOException;
import java.time.Instant;
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
 * that time simply revives them; and the files crashes left behind ({@link BlobStore#deleteAbandoned}). Both are safe
 * on every node of a cluster at once: a blob is forgotten under its database row's lock, which a store of the same
 * content on any node takes too ({@link FileCatalog#forgetIfUnreferenced}), and abandoned files are recognised by
 * their age, which a file another node is writing does not reach.
 */
@Singleton
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BlobCollector {

    private static final Logger LOG = Logger.getLogger(BlobCollector.class.getName());
    private static final int BATCH = 500;

    @Inject
    FileCatalog files;

    @Inject
    BlobStore blobs;

    @Inject
    StorageSettings settings;

    @Schedule(minute = "*/10", hour = "*", persistent = false)
    void collect() {
        Instant cutoff = Instant.now().minus(settings.releaseGrace());
        int deleted = 0;
        for (String sha256 : files.unreferencedSince(cutoff, BATCH)) {
            try {
                if (files.forgetIfUnreferenced(sha256, cutoff)) {
                    deleted++;
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not delete unreferenced blob " + sha256 + "; the next collection tries"
                        + " again", e);
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
