package io.wsingest.storage;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Every {@code wsingest.storage.cleanup-interval-seconds} (five minutes), for each protocol with resumable uploads
 * ({@link ResumableSpools}): expires the uploads unused for longer than that protocol allows and deletes their spool
 * files, then deletes the protocol's spool files that no upload refers to any more (left by a destroyed upload or an
 * interrupted clean-up). Each protocol's pass is logged and fails on its own.
 *
 * <p>It runs on every node of a cluster, at the same moments or not, and that is safe: expiring is one conditional
 * statement per upload (so exactly one node expires it, and never one that a node's connection holds), and a spool
 * file is an orphan only if no record names it, read after the files were listed.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SpoolCleaner {

    private static final Logger LOG = Logger.getLogger(SpoolCleaner.class.getName());
    private static final int EXPIRY_BATCH = 500;

    @Inject
    BlobStore blobs;

    @Inject
    @Any
    Instance<ResumableSpools<?>> protocols;

    @Inject
    StorageSettings settings;

    @Resource
    TimerService timers;

    @PostConstruct
    void schedule() {
        long every = settings.cleanupInterval().toMillis();
        // Not persistent: each node runs its own, and a missed run is simply the next one.
        timers.createIntervalTimer(every, every, new TimerConfig(null, false));
    }

    @Timeout
    public void clean() {
        Instant now = Instant.now();
        protocols.forEach(protocol -> clean(protocol, now));
    }

    /** One protocol's pass. */
    <U> void clean(ResumableSpools<U> protocol, Instant now) {
        try {
            int expired = expire(protocol, now);
            int orphans = deleteOrphans(protocol);
            if (expired + orphans > 0) {
                LOG.info(() -> "Spool clean-up of " + protocol.name() + ": " + expired + " expired, " + orphans
                        + " orphaned spool files deleted");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Spool clean-up of " + protocol.name() + " failed; it runs again in five minutes",
                    e);
        }
    }

    /** Expires the protocol's uploads unused since its expiry and deletes their spool files. Returns how many. */
    <U> int expire(ResumableSpools<U> protocol, Instant now) {
        Instant cutoff = now.minus(protocol.expiresAfter());
        int expired = 0;
        for (U upload : protocol.unusedSince(cutoff, EXPIRY_BATCH)) {
            if (protocol.expire(upload, cutoff, now)) {
                expired++;
                deleteQuietly(protocol.spoolName(upload));
                LOG.info(() -> protocol.describeExpired(upload));
            }
        }
        return expired;
    }

    /**
     * Deletes the protocol's spool files that no upload refers to. The files are listed before the records are read:
     * a protocol writes an upload's record before it creates its spool file, so a spool file created meanwhile is
     * never among them. Returns how many.
     */
    <U> int deleteOrphans(ResumableSpools<U> protocol) throws IOException {
        List<String> names = blobs.spoolNames().stream().filter(n -> n.startsWith(protocol.spoolPrefix())).toList();
        if (names.isEmpty()) {
            return 0;
        }
        Set<String> inUse = protocol.spoolNamesInUse();
        int deleted = 0;
        for (String name : names) {
            if (!inUse.contains(name) && deleteQuietly(name)) {
                deleted++;
            }
        }
        return deleted;
    }

    /** A spool file that cannot be deleted now is an orphan the next pass deletes. */
    private boolean deleteQuietly(String name) {
        try {
            blobs.deleteSpool(name);
            return true;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete spool file " + name, e);
            return false;
        }
    }
}
