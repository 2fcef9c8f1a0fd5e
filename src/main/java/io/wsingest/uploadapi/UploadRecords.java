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

    /** Uploads whose OCR a restart may have interrupted, oldest first. */
    List<UploadView> unfinished() {
        return em.createQuery("select u from Upload u where u.status in :statuses order by u.createdAt, u.id",
                        Upload.class)
                .setParameter("statuses", List.of(UploadStatus.PENDING, UploadStatus.PROCESSING))
                .getResultStream()
                .map(Upload::view)
                .toList();
    }

    /**
     * Records a new pending upload and announces it to the owner's other sessions.
     *
     * @throws DuplicateContent when the owner already has an upload with this content (a concurrent create)
     */
    UploadView insert(String id, String owner, String imagePath, String sha256, String contentType, long size,
                      String fileId, String originSessionId) {
        Upload upload = new Upload(id, owner, imagePath, sha256, contentType, size, fileId, now());
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
     * Applies an update to the owner's upload and announces it.
     *
     * @param change checks and applies the update; returns the error to refuse it with, or null
     * @throws CommandRejected when the upload is not the owner's or the change is refused
     */
    UploadView update(String owner, String id, Function<Upload, CommandRejected> change, String originSessionId)
            throws CommandRejected {
        Upload upload = owned(owner, id).orElseThrow(UploadService::notFound);
        CommandRejected refused = change.apply(upload);
        if (refused != null) {
            throw refused;
        }
        UploadView view = upload.view();
        publish(view, UploadApiCodec.instanceEvent(UploadApiCodec.UPDATED, view), originSessionId);
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

    // The OCR job's steps: each checks the upload is still where the job expects it. Each locks the row until its
    // event is sent (at commit), so a delete or update waits for it and its own event follows: no subscriber hears
    // of a line or a result after it heard of the deletion.

    private Upload lockedForJob(String id) {
        return em.find(Upload.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    boolean startProcessing(String id) {
        Upload upload = lockedForJob(id);
        if (upload == null || !upload.startProcessing(now())) {
            return false;
        }
        publish(upload.view(), UploadApiCodec.processing(id, ""), null);
        return true;
    }

    boolean streamed(String id, String textSoFar) {
        Upload upload = lockedForJob(id);
        if (upload == null || upload.getStatus() != UploadStatus.PROCESSING) {
            return false;
        }
        publish(upload.view(), UploadApiCodec.processing(id, textSoFar), null);
        return true;
    }

    void processed(String id, String rawText, String processedText) {
        Upload upload = lockedForJob(id);
        if (upload != null && upload.processed(rawText, processedText, now())) {
            publish(upload.view(), UploadApiCodec.processed(id, rawText, processedText), null);
        }
    }

    void failed(String id, String message) {
        Upload upload = lockedForJob(id);
        if (upload != null && upload.failed(message, now())) {
            LOG.info(() -> "OCR of upload " + id + " of " + LogText.escape(upload.getOwnerId()) + " failed: "
                    + message);
            publish(upload.view(), UploadApiCodec.failed(id, message), null);
        }
    }

    /**
     * Puts an upload whose job a restart interrupted back to pending, or in {@code error} when its job has started
     * {@code maxAttempts} times already (with an event, like any failure).
     */
    Upload.Recovery recover(String id, int maxAttempts) {
        Upload upload = lockedForJob(id);
        if (upload == null) {
            return Upload.Recovery.FINISHED;
        }
        Upload.Recovery recovery = upload.recover(maxAttempts, now());
        if (recovery == Upload.Recovery.GAVE_UP) {
            UploadView view = upload.view();
            LOG.warning(() -> "OCR of upload " + id + " of " + LogText.escape(view.owner()) + " given up: its job"
                    + " started " + upload.ocrAttempts() + " times and never finished");
            publish(view, UploadApiCodec.failed(id, view.error()), null);
        }
        return recovery;
    }

    /** The time of a change: the database keeps microseconds at most, milliseconds keep replies and rows alike. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private Optional<Upload> owned(String owner, String id) {
        return Optional.ofNullable(em.find(Upload.class, id)).filter(upload -> upload.getOwnerId().equals(owner));
    }

    private void publish(UploadView upload, String json, String originSessionId) {
        events.publish(new UploadEvent(upload.owner(), upload.id(), json, originSessionId));
    }
}
