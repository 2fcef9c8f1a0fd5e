package io.wsingest.upload;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.wsingest.cluster.Handovers;
import io.wsingest.cluster.HeldElsewhereException;
import io.wsingest.cluster.LeaseClaim;
import io.wsingest.cluster.LeaseHolder;
import io.wsingest.concurrency.PeriodicTask;
import io.wsingest.logging.LogText;
import io.wsingest.metrics.Meter;
import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.Protocol;
import io.wsingest.metrics.ProtocolMeters;
import io.wsingest.relay.ChannelBusyException;
import io.wsingest.relay.Publication;
import io.wsingest.relay.StreamRelay;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.FileCatalog;
import io.wsingest.storage.FileSource;
import io.wsingest.storage.NewFile;
import io.wsingest.storage.OpenUploads;
import io.wsingest.storage.QuotaExceededException;
import io.wsingest.storage.ResumableSpools;
import io.wsingest.storage.SpoolFile;
import io.wsingest.storage.StoredFile;
import io.wsingest.storage.UserQuota;

/**
 * What the upload connections, the HTTP API and the cleaner do to upload chains: the database record, the spool file
 * with the bytes, the stored file at the end, and the live connection on this node, kept consistent.
 *
 * <p>A file upload counts against the quota of the user who started it: one of known size reserves its whole
 * {@code TotalFileSize} by its record from the start; one of unknown size holds what it received, in memory while a
 * connection writes it and by its record's durable offset while it is interrupted. Streams
 * ({@code saveMedia=false}) are not kept and count nothing.
 */
@ApplicationScoped
public class ChainService implements OpenUploads, ResumableSpools<UploadChain>, LeaseHolder {

    private static final Logger LOG = Logger.getLogger(ChainService.class.getName());

    @Inject
    ChainRecords records;

    @Inject
    UploadRegistry registry;

    @Inject
    BlobStore blobs;

    @Inject
    FileCatalog files;

    @Inject
    UploadSettings settings;

    @Inject
    StreamRelay relay;

    @Inject
    UserQuota quota;

    @Inject
    Handovers handovers;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Metrics metrics;

    private ProtocolMeters meters;

    /** Leases renewed per statement: bounded, as databases bound the values of an {@code in} list. */
    private static final int LEASE_BATCH = 500;

    private final Clock clock = Clock.systemUTC();

    @PostConstruct
    void registerMeters() {
        meters = metrics.protocol(Protocol.A);
        metrics.gauge(Meter.UPLOADS_NOT_DURABLE_BYTES, Protocol.A,
                () -> registry.owners().stream().mapToLong(UploadRegistry.ChainOwner::notDurableBytes).sum());
    }

    /** Protocol A's figures. */
    ProtocolMeters meters() {
        return meters;
    }

    /** Made when the application starts, so that its figures are there from the first scrape on. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // Creating the bean registered its meters.
    }

    Instant now() {
        return clock.instant();
    }

    UploadSettings settings() {
        return settings;
    }

    public Optional<UploadChain> find(String projectId) {
        return records.findByProject(projectId);
    }

    /** An upload a connection owns now: its record, and its spool file open at the offset the data continues from. */
    record Claimed(UploadChain chain, SpoolFile spool) {
    }

    /**
     * The connection resumes the upload at {@code offset}, now that its answer to the offer stands: the connection
     * uploading it so far makes what it received durable and stops (at once on this node; at its next heartbeat or
     * lease renewal on another, or when its lease runs out if that node died), and the upload becomes the newcomer's,
     * cut back to the offset. Empty when the upload is no longer in progress.
     */
    Optional<Claimed> takeOver(String projectId, UploadRegistry.ChainOwner newcomer, String connectionId,
                               String uploadId, long offset) throws IOException {
        // Before the claim: from the claim on, the record of an upload of unknown size no longer counts its bytes.
        UserQuota.Reservation held = holdInMemory(projectId, uploadId, offset);
        try {
            Optional<UploadChain> claimed = claim(projectId, newcomer, connectionId, uploadId, offset);
            // Outside the project's lock: reopening rereads the data to rebuild its hash.
            if (claimed.isEmpty()) {
                return Optional.empty();
            }
            Claimed resumed = new Claimed(claimed.get(), resume(claimed.get(), held));
            // The spool file holds it now, and gives it back when it is closed.
            held = null;
            meters.uploadResumed();
            return Optional.of(resumed);
        } finally {
            if (held != null) {
                held.release();
            }
        }
    }

    private Optional<UploadChain> claim(String projectId, UploadRegistry.ChainOwner newcomer, String connectionId,
                                        String uploadId, long offset) throws UploadFailure {
        try {
            return handovers.claim(() -> registry.withProject(projectId, () -> {
                registry.replaceOwner(projectId, newcomer).ifPresent(UploadRegistry.ChainOwner::supersede);
                return records.claim(uploadId, connectionId, offset, handovers.newLease(), now());
            }));
        } catch (HeldElsewhereException e) {
            throw new UploadFailure("The upload is in progress on another server; try again later", e);
        }
    }

    /**
     * For an upload of unknown size, what it has (up to the offset it resumes from) held in memory, as a connection
     * holds it while it writes; null for any other upload.
     */
    private UserQuota.Reservation holdInMemory(String projectId, String uploadId, long offset)
            throws QuotaExceededException {
        Optional<UploadChain> chain = records.findByProject(projectId)
                .filter(found -> found.uploadId().equals(uploadId) && growsInMemory(found));
        return chain.isEmpty() ? null : quota.takeOver(chain.get().startedBy(), offset);
    }

    /** The connection ends; a newer one that took its place stays the project's. */
    void leave(String projectId, UploadRegistry.ChainOwner connection) {
        registry.leave(projectId, connection);
    }

    /**
     * Starts a new upload for the connection, now that its answer to the offer stands: the record, then the spool
     * file, so that no spool file is unaccounted for. A file of known size starts only if the user's quota has room
     * for all of it. Empty when the project has a chain again (another connection started one meanwhile).
     *
     * @throws QuotaExceededException if the quota has no room; nothing is created then
     */
    Optional<Claimed> start(String projectId, UploadRegistry.ChainOwner newcomer, String userId, String fileName,
                            Long totalSize, boolean saveMedia, String connectionId) throws IOException {
        return registry.withProject(projectId, () -> {
            if (records.findByProject(projectId).isPresent()) {
                return Optional.<Claimed>empty();
            }
            UploadChain chain = create(projectId, userId, fileName, totalSize, saveMedia, connectionId);
            registry.replaceOwner(projectId, newcomer).ifPresent(UploadRegistry.ChainOwner::supersede);
            try {
                SpoolFile spool = blobs.createSpool(chain.spoolName());
                chargeGrowth(chain, spool);
                meters.uploadStarted();
                return Optional.of(new Claimed(chain, spool));
            } catch (IOException | RuntimeException e) {
                // Nothing was received: leave no chain behind, so the client can simply try again.
                records.delete(projectId);
                throw e;
            }
        });
    }

    /** The chain's record; for a file of known size it is the quota reservation, created under the user's lock. */
    private UploadChain create(String projectId, String userId, String fileName, Long totalSize, boolean saveMedia,
                               String connectionId) throws QuotaExceededException {
        if (!saveMedia || totalSize == null) {
            return records.create(projectId, userId, fileName, totalSize, saveMedia, connectionId,
                    handovers.newLease(), now());
        }
        return quota.admit(userId, free -> {
            if (totalSize > free) {
                throw new QuotaExceededException(userId, totalSize, quota.quotaBytes(), free);
            }
            return records.create(projectId, userId, fileName, totalSize, true, connectionId, handovers.newLease(),
                    now());
        });
    }

    /**
     * Reopens an interrupted upload's spool file at its durable offset, charged to {@code held} (null for an upload
     * that does not grow in memory). If the data is gone, the upload can never be finished: it is failed.
     */
    private SpoolFile resume(UploadChain chain, UserQuota.Reservation held) throws IOException {
        Optional<SpoolFile> spool = blobs.reopenSpool(chain.spoolName(), chain.durableOffset());
        if (spool.isEmpty()) {
            String reason = "The uploaded data is missing on the server";
            fail(chain.uploadId(), reason);
            throw new UploadFailure(reason);
        }
        if (held != null) {
            spool.get().chargeTo(held);
        }
        return spool.get();
    }

    /**
     * A file of unknown size holds what it receives in memory while a connection writes it (its record counts only
     * while no connection does).
     */
    private static boolean growsInMemory(UploadChain chain) {
        return chain.saveMedia() && chain.totalSize() == null;
    }

    /** A new upload that grows in memory starts with a reservation of nothing, charged as bytes arrive. */
    private void chargeGrowth(UploadChain chain, SpoolFile spool) throws QuotaExceededException {
        if (growsInMemory(chain)) {
            spool.chargeTo(quota.reserve(chain.startedBy(), 0));
        }
    }

    @Override
    public long reservedBy(String userId) {
        return records.reservedBy(userId);
    }

    /** Records bytes made durable; the connection's lease is renewed with them. */
    ChainRecords.Progress recordProgress(String uploadId, String connectionId, long durableOffset) {
        return records.recordProgress(uploadId, connectionId, durableOffset, handovers.newLease().until(), now());
    }

    void interrupt(String uploadId, String connectionId, long durableOffset) {
        records.interrupt(uploadId, connectionId, durableOffset, now());
    }

    /** Stores a finished file (the spool file is consumed) and completes the chain. */
    StoredFile storeAndComplete(UploadChain chain, SpoolFile spool, String connectionId) throws IOException {
        StoredFile stored = files.store(spool,
                new NewFile(chain.fileName(), chain.startedBy(), chain.projectId(), FileSource.UPLOAD));
        complete(chain, connectionId, stored.getSize(), stored.getId());
        return stored;
    }

    /** Completes the chain of a stream that is not kept; its spool file is deleted. */
    void discardAndComplete(UploadChain chain, SpoolFile spool, String connectionId) throws IOException {
        long size = spool.length();
        spool.discard();
        complete(chain, connectionId, size, null);
    }

    private void complete(UploadChain chain, String connectionId, long size, String storedFileId) throws IOException {
        if (!records.complete(chain.uploadId(), connectionId, size, storedFileId, now())) {
            throw new UploadFailure("The upload was taken over or destroyed while it completed");
        }
        meters.uploadCompleted();
    }

    void fail(String uploadId, String reason) {
        records.fail(uploadId, reason, now());
        meters.uploadFailed();
    }

    /** Starts the project's live stream (channel {@code project-{id}}) for a {@code saveMedia=false} upload. */
    Publication openLiveChannel(String projectId) throws IOException {
        try {
            return publishLive(projectId);
        } catch (ChannelBusyException e) {
            throw new UploadFailure(e.getMessage(), e);
        }
    }

    /**
     * Starts the project's live stream for a {@code saveMedia=false} upload this connection has just taken over. The
     * connection it took the upload from publishes on the channel until it has gone (at once on this node; at its
     * next heartbeat or renewal on another), so the channel is tried again as a claim is.
     */
    Publication takeOverLiveChannel(String projectId) throws IOException {
        try {
            return handovers.claim(() -> {
                try {
                    return new LeaseClaim.Taken<>(publishLive(projectId));
                } catch (ChannelBusyException e) {
                    return new LeaseClaim.HeldElsewhere<Publication>();
                }
            }).orElseThrow();
        } catch (HeldElsewhereException e) {
            throw new UploadFailure(new ChannelBusyException(StreamRelay.projectChannel(projectId)).getMessage(), e);
        }
    }

    private Publication publishLive(String projectId) throws ChannelBusyException {
        return relay.publish(StreamRelay.projectChannel(projectId), "upload to project " + projectId);
    }

    /** Runs the task every {@code period} until stopped; {@code what} names it in the log should a run fail. */
    PeriodicTask every(Duration period, Supplier<String> what, Runnable task) {
        return PeriodicTask.every(period, scheduler, LOG, what, task);
    }

    /**
     * Destroys the project's chain so that a new upload can start: a connection uploading to it stops (its next data
     * message is refused), the record goes, and so does the spool file.
     */
    public Optional<UploadChain> destroy(String projectId) throws IOException {
        return registry.withProject(projectId, () -> {
            registry.owner(projectId).ifPresent(UploadRegistry.ChainOwner::finishElsewhere);
            Optional<UploadChain> chain = records.delete(projectId);
            if (chain.isPresent()) {
                blobs.deleteSpool(chain.get().spoolName());
            }
            return chain;
        });
    }

    @Override
    public String name() {
        return "uploads";
    }

    @Override
    public String spoolPrefix() {
        return ChainRecords.SPOOL_PREFIX;
    }

    /** An upload interrupted for longer than the restore window expires. */
    @Override
    public Duration expiresAfter() {
        return settings.restoreWindow();
    }

    @Override
    public List<UploadChain> unusedSince(Instant cutoff, int limit) {
        return records.inProgressIdleSince(cutoff, limit);
    }

    /**
     * Renews the leases of the uploads this node's connections receive, and hands over those a connection on another
     * node asked for: the connection here makes its bytes durable and lets go (as for a newer connection on this
     * node); if none is left here, the lease is simply released.
     */
    @Override
    public void renewLeases(String owner, Instant now, Instant until) {
        List<String> receiving = registry.owners().stream().map(UploadRegistry.ChainOwner::connectionId).toList();
        for (int from = 0; from < receiving.size(); from += LEASE_BATCH) {
            records.renewLeases(owner, receiving.subList(from, Math.min(receiving.size(), from + LEASE_BATCH)), until);
        }
        for (UploadChain chain : records.handoversRequested(owner)) {
            registry.withProject(chain.projectId(), () -> {
                Optional<UploadRegistry.ChainOwner> local = registry.owner(chain.projectId());
                if (local.isPresent()) {
                    local.get().supersede();
                } else {
                    records.release(chain.uploadId(), owner, now);
                }
                return null;
            });
        }
    }

    /** An upload with a connection on this node is left alone whatever the database says. */
    @Override
    public boolean expire(UploadChain chain, Instant cutoff, Instant now) {
        boolean expired = registry.withProject(chain.projectId(), () ->
                registry.owner(chain.projectId()).isEmpty() && records.expire(chain.uploadId(), cutoff, now));
        if (expired) {
            // It can no longer be resumed.
            meters.uploadFailed();
        }
        return expired;
    }

    @Override
    public String spoolName(UploadChain chain) {
        return chain.spoolName();
    }

    @Override
    public String describeExpired(UploadChain chain) {
        return "Upload " + chain.uploadId() + " of project " + LogText.escape(chain.projectId()) + " by "
                + LogText.escape(chain.startedBy()) + " expired: interrupted at " + chain.durableOffset()
                + " bytes since " + chain.updatedAt();
    }

    /** Uploads in progress; a finished or expired chain's spool file is no longer needed. */
    @Override
    public Set<String> spoolNamesInUse() {
        return records.spoolNamesInUse();
    }
}
