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
 * At start-up, runs the first {@link OcrTakeover} sweep: every upload whose OCR a restart of this node interrupted
 * ({@code pending} or {@code processing}, under a lease of this node's earlier run), and every one whose lease ran out,
 * goes back in the queue at once, so none waits for the first period. The job starts over from the image; what does
 * not fit the queue stays pending for the next sweeps.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UploadRecovery {

    private static final Logger LOG = Logger.getLogger(UploadRecovery.class.getName());

    @Inject
    OcrTakeover takeover;

    @PostConstruct
    void resume() {
        int resumed = takeover.sweep().size();
        if (resumed > 0) {
            LOG.info(() -> "Resumed OCR of " + resumed + " uploads a restart interrupted or a node left");
        }
    }
}
