package io.wsingest.upload;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Every five minutes: expires uploads interrupted for longer than {@code wsingest.upload.restore-window-seconds} and
 * deletes their data, and deletes spool files of this protocol that no upload in progress refers to.
 */
@Singleton
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UploadCleaner {

    private static final Logger LOG = Logger.getLogger(UploadCleaner.class.getName());

    @Inject
    UploadService uploads;

    @Schedule(minute = "*/5", hour = "*", persistent = false)
    public void clean() {
        try {
            int expired = uploads.expireInterrupted();
            int orphans = uploads.deleteOrphanSpools();
            if (expired + orphans > 0) {
                LOG.info(() -> "Upload clean-up: " + expired + " expired, " + orphans + " orphaned spool files deleted");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Upload clean-up failed; it runs again in five minutes", e);
        }
    }
}
