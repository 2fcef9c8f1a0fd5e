package io.wsingest.streamreq;

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
 * Every five minutes, deletes streams unused for longer than {@code wsingest.stream.key-ttl-seconds} with their
 * spool files, and spool files of this protocol that no stream refers to any more.
 */
@Singleton
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StreamCleaner {

    private static final Logger LOG = Logger.getLogger(StreamCleaner.class.getName());

    @Inject
    StreamService streams;

    @Schedule(minute = "*/5", hour = "*", persistent = false)
    void clean() {
        try {
            StreamService.CleanUp done = streams.cleanUp();
            if (done.expiredStreams() > 0 || done.orphanSpools() > 0) {
                LOG.info(() -> "Deleted " + done.expiredStreams() + " expired streams and " + done.orphanSpools()
                        + " orphaned stream spool files");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not clean up expired streams", e);
        }
    }
}
