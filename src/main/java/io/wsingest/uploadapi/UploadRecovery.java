package io.wsingest.uploadapi;

import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * At start-up, puts every upload whose OCR a restart interrupted ({@code pending} or {@code processing}) back in the
 * queue, so none waits forever. The job starts over from the image; one that no longer fits the queue ends in
 * {@code error}, as a new one would.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UploadRecovery {

    private static final Logger LOG = Logger.getLogger(UploadRecovery.class.getName());

    @Inject
    UploadService uploads;

    @PostConstruct
    void resume() {
        int resumed = uploads.resumeInterrupted();
        if (resumed > 0) {
            LOG.info(() -> "Resumed OCR of " + resumed + " uploads a restart interrupted");
        }
    }
}
