package io.wsingest.uploadapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.wsingest.cluster.ClusterSettings;
import io.wsingest.cluster.ThisNode;
import io.wsingest.concurrency.PeriodicTask;
import io.wsingest.ocr.OcrService;

/**
 * Takes over the OCR jobs no live node holds, so that none is lost: every node sweeps every renewal period (and once
 * at start-up, see {@link UploadRecovery}) for pending or processing uploads whose lease ran out (their node died or
 * stalled) or belongs to an earlier run of this node (a restart: no need to wait for the expiry). Each is taken with
 * one conditional statement, so of two nodes sweeping at once exactly one wins it, and queued here. A node takes only
 * what its queue has room for and leaves the rest to the other nodes or its next sweep: a takeover never fails an
 * upload for a full queue. A job that has started {@code wsingest.ocr.max-attempts} times is given up instead.
 */
@ApplicationScoped
public class OcrTakeover {

    private static final Logger LOG = Logger.getLogger(OcrTakeover.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ClusterSettings cluster;

    @Inject
    ThisNode node;

    @Inject
    UploadRecords records;

    @Inject
    UploadService uploads;

    @Inject
    OcrService ocr;

    private PeriodicTask sweeping;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        sweeping = PeriodicTask.every(cluster.renewalPeriod(), scheduler, LOG,
                () -> "The OCR takeover sweep of node " + node.name(), this::sweep);
    }

    @PreDestroy
    void stop() {
        if (sweeping != null) {
            sweeping.stop();
        }
    }

    /**
     * One sweep: takes over what it may, as much as the local queue has room for, oldest first. Safe to run on every
     * node and from several threads at once. Returns the ids of the uploads it queued.
     */
    public List<String> sweep() {
        int room = ocr.freeSlots();
        if (room == 0) {
            return List.of();
        }
        Instant now = UploadRecords.now();
        int maxAttempts = ocr.settings().maxAttempts();
        List<String> queued = new ArrayList<>();
        int gaveUp = 0;
        for (UnfinishedJob job : records.takeoverCandidates(now, node.name(), node.leaseOwner(), room)) {
            UnfinishedJob.Claim claim = job.claim(now, node::isEarlierRun);
            if (claim == UnfinishedJob.Claim.NONE) {
                continue;
            }
            try {
                if (job.exhausted(maxAttempts)) {
                    gaveUp += records.giveUp(job, claim, now) ? 1 : 0;
                } else if (takeAndQueue(job, claim, now)) {
                    queued.add(job.upload().id());
                }
            } catch (RuntimeException e) {
                // One row (locked too long, say) must not stop the others: the next sweep tries it again.
                LOG.log(Level.WARNING, e, () -> "The OCR job of upload " + job.upload().id() + " could not be taken"
                        + " over by node " + node.name() + "; the next sweep tries again");
            }
        }
        if (!queued.isEmpty() || gaveUp > 0) {
            int given = gaveUp;
            LOG.info(() -> "Node " + node.name() + " took over the OCR jobs of " + queued.size() + " uploads and gave up "
                    + given);
        }
        return queued;
    }

    private boolean takeAndQueue(UnfinishedJob job, UnfinishedJob.Claim claim, Instant now) {
        OcrLease lease = uploads.newLease();
        if (!records.takeOver(job, claim, lease, now)) {
            // Another node, or another sweep of this one, took it first.
            return false;
        }
        if (uploads.queueOcr(job.upload(), lease.job())) {
            return true;
        }
        // New uploads filled the queue meanwhile: the job goes back for any node to take.
        records.release(job.upload().id(), lease.job());
        return false;
    }
}
