package io.wsingest.uploadapi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import io.wsingest.events.UploadEvent;
import io.wsingest.events.UploadEventPublisher;
import io.wsingest.logging.LogText;

/**
 * The database half of the Upload API. Each method is one transaction that changes an upload and publishes the
 * event saying so; the event is sent when the transaction commits, so no session hears of a change that did not
 * happen. Lookups are always by owner too: another user's upload is simply not found.
 */
@ApplicationScoped
@Transactional(rollbackOn = CommandRejected.class)
class UploadRecords {

    /** The user already holds this content: the create found the existing upload. */
    static final class DuplicateContent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DuplicateContent(Throwable cause) {
            super("The user already has an upload with this content", cause);
        }
    }

    private static final Logger LOG = Logger.getLogger(UploadRecords.class.getName());

    /** The statuses of an upload whose OCR job is queued or running somewhere, or should be. */
    private static final List<UploadStatus> UNFINISHED = List.of(UploadStatus.PENDING, UploadStatus.PROCESSING);

    @PersistenceContext
    EntityManager em;

    @Inject
    UploadEventPublisher events;

    Optional<UploadView> find(String owner, String id) {
        return owned(owner, id).map(Upload::view);
    }

    Optional<UploadView> findByContent(String owner, String sha256) {
        return em.createQuery("select u from Upload u where u.ownerId = :owner and u.imageHash = :hash", Upload.class)
                .setParameter("owner", owner)
                .setParameter("hash", sha256)
                .getResultStream()
                .findFirst()
                .map(Upload::view);
    }

    /** The owner's uploads, newest first. */
    List<UploadView> list(String owner, int offset, int limit) {
        return em.createQuery("select u from Upload u where u.ownerId = :owner order by u.createdAt desc, u.id desc",
                        Upload.class)
                .setParameter("owner", owner)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultStream()
                .map(Upload::view)
                .toList();
    }

    long count(String owner) {
        return em.createQuery("select count(u) from Upload u where u.ownerId = :owner", Long.class)
                .setParameter("owner", owner)
                .getSingleResult();
    }

    /**
     * Records a new pending upload, its OCR job under {@code lease}, and announces it to the owner's other sessions.
     *
     * @throws DuplicateContent when the owner already has an upload with this content (a concurrent create)
     */
    UploadView insert(String id, String owner, String imagePath, String sha256, String contentType, long size,
                      String fileId, OcrLease lease, String originSessionId) {
        Upload upload = new Upload(id, owner, imagePath, sha256, contentType, size, fileId, now(), lease);
        try {
            em.persist(upload);
            em.flush();
        } catch (PersistenceException e) {
            throw new DuplicateContent(e);
        }
        UploadView view = upload.view();
        publish(view, UploadApiCodec.instanceEvent(UploadApiCodec.CREATED, view), originSessionId);
        return view;
    }

    /**
     * Applies an update to the owner's upload and announces it, if it changed anything; a new status is announced
     * as {@code Upload.status} too.
     *
     * @param change checks and applies the update; returns the error to refuse it with, or null
     * @throws CommandRejected when the upload is not the owner's or the change is refused
     */
    UploadView update(String owner, String id, Function<Upload, CommandRejected> change, String originSessionId)
            throws CommandRejected {
        Upload upload = owned(owner, id).orElseThrow(UploadService::notFound);
        UploadView before = upload.view();
        CommandRejected refused = change.apply(upload);
        if (refused != null) {
            throw refused;
        }
        UploadView view = upload.view();
        if (!view.equals(before)) {
            publish(view, UploadApiCodec.instanceEvent(UploadApiCodec.UPDATED, view), originSessionId);
        }
        if (view.status() != before.status()) {
            publishStatus(view, originSessionId);
        }
        return view;
    }

    /** A deleted upload's last state, and its stored file, which the caller releases. */
    record Deleted(UploadView upload, String fileId) {
    }

    /** Removes the owner's upload and announces it. */
    Deleted delete(String owner, String id, String originSessionId) throws CommandRejected {
        Upload upload = owned(owner, id).orElseThrow(UploadService::notFound);
        UploadView view = upload.view();
        em.remove(upload);
        publish(view, UploadApiCodec.instanceEvent(UploadApiCodec.DELETED, view), originSessionId);
        return new Deleted(view, upload.getFileId());
    }

    /** The stored file an upload holds, if the upload exists. */
    Optional<String> fileId(String id) {
        return Optional.ofNullable(em.find(Upload.class, id)).map(Upload::getFileId);
    }

    // The OCR job's steps: each locks the row and acts only if the job still holds the upload's lease (it is not
    // deleted, re-run or taken over by another node meanwhile), so two jobs never both write. The row lock is held
    // until the event is sent (at commit), so a delete, update or takeover waits for it and its own event follows:
    // no subscriber hears of a line or a result after it heard of the deletion.

    private Upload lockedForJob(String id) {
        return em.find(Upload.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    boolean startProcessing(String id, String job) {
        Upload upload = lockedForJob(id);
        if (upload == null || !upload.startProcessing(job, now())) {
            return false;
        }
        publishStatus(upload.view(), null);
        publish(upload.view(), UploadApiCodec.processing(id, ""), null);
        return true;
    }

    boolean streamed(String id, String job, String textSoFar) {
        Upload upload = lockedForJob(id);
        if (upload == null || !upload.streamsFor(job)) {
            return false;
        }
        events.publish(UploadEvent.growth(upload.getOwnerId(), id, UploadApiCodec.processing(id, textSoFar)));
        return true;
    }

    void processed(String id, String job, String rawText, String processedText) {
        Upload upload = lockedForJob(id);
        if (upload != null && upload.processed(job, rawText, processedText, now())) {
            publishStatus(upload.view(), null);
            publish(upload.view(), UploadApiCodec.processed(id, rawText, processedText), null);
        }
    }

    void failed(String id, String job, String message) {
        Upload upload = lockedForJob(id);
        if (upload != null && upload.failed(job, message, now())) {
            LOG.info(() -> "OCR of upload " + id + " of " + LogText.escape(upload.getOwnerId()) + " failed: "
                    + message);
            publishStatus(upload.view(), null);
            publish(upload.view(), UploadApiCodec.failed(id, message), null);
        }
    }

    // The leases across nodes: renewal, takeover, giving up. Takeover and giving up are single conditional
    // statements that repeat the sweep's reading of the row (status, attempts, lease), so of two nodes (or threads)
    // sweeping at once exactly one changes the row.

    /** Extends every lease {@code owner} holds to {@code until}; returns how many. */
    int renewLeases(String owner, Instant until) {
        return em.createQuery("update Upload u set u.ocrLeaseUntil = :until where u.ocrLeaseOwner = :owner")
                .setParameter("until", until)
                .setParameter("owner", owner)
                .executeUpdate();
    }

    /**
     * Pending or processing uploads that may be taken over at {@code now}, oldest first, at most {@code limit}: a
     * lease that ran out or is nobody's, or one held by another run of the node named {@code nodeName}. The caller
     * decides each with {@link UnfinishedJob#claim}; {@code ownRun}'s leases are never among them unless they ran out.
     */
    List<UnfinishedJob> takeoverCandidates(Instant now, String nodeName, String ownRun, int limit) {
        return em.createQuery("select u from Upload u where u.status in :unfinished and (u.ocrLeaseUntil is null"
                                + " or u.ocrLeaseUntil < :now or (u.ocrLeaseOwner like :sameNode escape '!'"
                                + " and u.ocrLeaseOwner <> :ownRun)) order by u.createdAt, u.id", Upload.class)
                .setParameter("unfinished", UNFINISHED)
                .setParameter("now", now)
                .setParameter("sameNode", likePrefix(nodeName + "/"))
                .setParameter("ownRun", ownRun)
                .setMaxResults(limit)
                .getResultStream()
                .map(u -> new UnfinishedJob(u.view(), u.lease().map(OcrLease::owner).orElse(null),
                        u.lease().map(OcrLease::until).orElse(null), u.ocrAttempts()))
                .toList();
    }

    /** A LIKE pattern matching what starts with {@code prefix}, its wildcards escaped with '!'. */
    static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /**
     * Takes the job over under {@code lease} if the row is still as the sweep read it: unfinished, the same attempts,
     * the same claim. A processing upload goes back to pending (its job starts over, counting an attempt when it
     * starts); no event is sent until it does. Returns whether this call took it.
     */
    boolean takeOver(UnfinishedJob job, UnfinishedJob.Claim claim, OcrLease lease, Instant now) {
        return claimed(job, claim, now, "update Upload u set u.status = :pending, u.ocrJob = :job,"
                + " u.ocrLeaseOwner = :owner, u.ocrLeaseUntil = :until")
                .setParameter("pending", UploadStatus.PENDING)
                .setParameter("job", lease.job())
                .setParameter("owner", lease.owner())
                .setParameter("until", lease.until())
                .executeUpdate() == 1;
    }

    /**
     * Gives the job up (its upload ends in {@code error}, with an event) if the row is still as the sweep read it.
     * Returns whether this call gave it up.
     */
    boolean giveUp(UnfinishedJob job, UnfinishedJob.Claim claim, Instant now) {
        String message = Upload.gaveUpMessage(job.attempts());
        boolean gaveUp = claimed(job, claim, now, "update Upload u set u.status = :error, u.error = :message,"
                + " u.updatedAt = :changed, u.ocrJob = null, u.ocrLeaseOwner = null, u.ocrLeaseUntil = null")
                .setParameter("error", UploadStatus.ERROR)
                .setParameter("changed", now)
                .setParameter("message", message)
                .executeUpdate() == 1;
        if (gaveUp) {
            UploadView view = em.find(Upload.class, job.upload().id()).view();
            LOG.warning(() -> "OCR of upload " + view.id() + " of " + LogText.escape(view.owner()) + " given up: its"
                    + " job started " + job.attempts() + " times and never finished");
            publishStatus(view, null);
            publish(view, UploadApiCodec.failed(view.id(), message), null);
        }
        return gaveUp;
    }

    /** An update of {@code job}'s row that applies only while the row is as the sweep read it. */
    private Query claimed(UnfinishedJob job, UnfinishedJob.Claim claim, Instant now, String update) {
        String where = update + " where u.id = :id and u.status in :unfinished and u.ocrAttempts = :attempts and ";
        Query query = switch (claim) {
            case LEASE_RAN_OUT -> em.createQuery(where + "(u.ocrLeaseUntil is null or u.ocrLeaseUntil < :now)")
                    .setParameter("now", now);
            case EARLIER_RUN -> em.createQuery(where + "u.ocrLeaseOwner = :deadRun")
                    .setParameter("deadRun", job.leaseOwner());
            case NONE -> throw new IllegalArgumentException("A live node holds the OCR job of " + job.upload().id());
        };
        return query.setParameter("id", job.upload().id())
                .setParameter("unfinished", UNFINISHED)
                .setParameter("attempts", job.attempts());
    }

    /** Gives the lease up while the job still holds it (it could not be queued): any node may take it at once. */
    void release(String id, String job) {
        em.createQuery("update Upload u set u.ocrJob = null, u.ocrLeaseOwner = null, u.ocrLeaseUntil = null"
                        + " where u.id = :id and u.ocrJob = :job")
                .setParameter("id", id)
                .setParameter("job", job)
                .executeUpdate();
    }

    /** The time of a change: the database keeps microseconds at most, milliseconds keep replies and rows alike. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private Optional<Upload> owned(String owner, String id) {
        return Optional.ofNullable(em.find(Upload.class, id)).filter(upload -> upload.getOwnerId().equals(owner));
    }

    /**
     * A status change as the original document lists it among the live events: {@code Upload.status} with the whole
     * {@code instance}, beside the OCR progress events of the same type. It comes before the progress event of the
     * same change, so a client that waits for the final progress event has every event of the job.
     */
    private void publishStatus(UploadView upload, String originSessionId) {
        publish(upload, UploadApiCodec.instanceEvent(UploadApiCodec.STATUS, upload), originSessionId);
    }

    private void publish(UploadView upload, String json, String originSessionId) {
        events.publish(new UploadEvent(upload.owner(), upload.id(), json, originSessionId));
    }
}
