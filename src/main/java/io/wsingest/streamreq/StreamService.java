package io.wsingest.streamreq;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.wsingest.cluster.Handovers;
import io.wsingest.cluster.HeldElsewhereException;
import io.wsingest.cluster.LeaseClaim;
import io.wsingest.cluster.LeaseHolder;
import io.wsingest.cluster.ThisNode;
import io.wsingest.concurrency.StripedLocks;
import io.wsingest.logging.Incident;
import io.wsingest.logging.LogText;
import io.wsingest.metrics.Meter;
import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.Protocol;
import io.wsingest.metrics.ProtocolMeters;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.FileCatalog;
import io.wsingest.storage.FileSource;
import io.wsingest.storage.NewFile;
import io.wsingest.storage.OpenUploads;
import io.wsingest.storage.ResumableSpools;
import io.wsingest.storage.SpoolFile;
import io.wsingest.storage.StorageFullException;
import io.wsingest.storage.StorageSettings;
import io.wsingest.storage.StoredFile;
import io.wsingest.storage.UserQuota;
import io.wsingest.streamreq.Negotiation.Accept;
import io.wsingest.streamreq.Negotiation.Decision;
import io.wsingest.streamreq.Negotiation.Partial;
import io.wsingest.streamreq.Negotiation.Refuse;
import io.wsingest.streamreq.StreamTransfer.Pause;
import io.wsingest.streamreq.StreamTransfer.Reject;
import io.wsingest.streamreq.StreamTransfer.Write;

/**
 * The life of a stream: accepting or resuming it (negotiation against quota and disk), writing its bytes to a spool
 * file with periodic checkpoints, checking and storing it when complete, and which streams expired (for the
 * {@link io.wsingest.storage.SpoolCleaner}). The streams receiving on this node are kept here by key; the database
 * keeps every open stream for resuming. An open stream reserves its whole total of its user's {@link UserQuota} until
 * it is stored or expires.
 *
 * <p>Concurrency: a connection calls in from one thread at a time, but a resume on another connection can take a
 * stream over while its first connection still delivers data, so each {@link OpenStream} is used only under its
 * monitor. Accepting a stream is serialised per user (by the quota), resuming per key (one spool file, one writer).
 */
@ApplicationScoped
public class StreamService implements OpenUploads, ResumableSpools<StreamRecord>, LeaseHolder {

    /** Spool files of protocol C start with this; the cleaner touches no others. */
    static final String SPOOL_PREFIX = "streamreq-";

    private static final Logger LOG = Logger.getLogger(StreamService.class.getName());

    /** How asking for a stream turned out. */
    public sealed interface Opening permits Opened, Declined, Abandoned {
    }

    /** The stream is receiving on the asking connection; its byte count says where the data continues. */
    public record Opened(OpenStream stream) implements Opening {
    }

    /** No stream: a {@link Refuse} answer. */
    public record Declined(Refuse answer) implements Opening {
    }

    /** The client abandoned the stream: its data is deleted, {@code missing} bytes of it never arrived. */
    public record Abandoned(long missing) implements Opening {
    }

    /** What a part of binary data did to the stream. */
    public sealed interface Progress permits Receiving, Stored, Failed, Paused, Lost {
    }

    /** Written; more to come. */
    public record Receiving() implements Progress {
    }

    /** Complete, checked and stored. */
    public record Stored(StoredFile file) implements Progress {
    }

    /** The stream ended without a file; its data was discarded. */
    public record Failed(Status status, String reason, long missing) implements Progress {
    }

    /**
     * The stream stopped receiving here and stays resumable: the server holds its first {@code offset} bytes,
     * durable; {@code missing} bytes of it have not arrived.
     */
    public record Paused(Status status, String reason, long missing, long offset) implements Progress {
    }

    /** The stream is no longer this connection's: it was resumed on another one. Nothing was written. */
    public record Lost() implements Progress {
    }

    private static final Receiving RECEIVING = new Receiving();
    private static final Lost LOST = new Lost();

    @Inject
    StreamSettings settings;

    @Inject
    StorageSettings storage;

    @Inject
    BlobStore blobs;

    @Inject
    FileCatalog files;

    @Inject
    StreamSessions sessions;

    @Inject
    UserQuota quota;

    @Inject
    Handovers handovers;

    @Inject
    ThisNode node;

    @Inject
    Metrics metrics;

    private ProtocolMeters meters;

    /** Leases renewed per statement: bounded, as databases bound the values of an {@code in} list. */
    private static final int LEASE_BATCH = 500;

    private final Clock clock = Clock.systemUTC();
    private final ConcurrentHashMap<String, OpenStream> receiving = new ConcurrentHashMap<>();
    private final StripedLocks keyLocks = new StripedLocks(64);

    @PostConstruct
    void registerMeters() {
        meters = metrics.protocol(Protocol.C);
        metrics.gauge(Meter.UPLOADS_NOT_DURABLE_BYTES, Protocol.C, () -> receiving.values().stream()
                .mapToLong(stream -> stream.transfer.held() - stream.transfer.durable()).sum());
    }

    /** Made when the application starts, so that its figures are there from the first scrape on. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // Creating the bean registered its meters.
    }

    /**
     * Accepts a new stream if the limits and the room allow: whole, or its first bytes when the room is short. It
     * reserves its whole total of the user's quota either way, so room that frees up goes to it first.
     */
    public Opening start(String ownerId, String route, XStream.Offer offer, DataFormat format, String fileName,
                         StreamConnection connection) throws IOException {
        return quota.admit(ownerId, free -> {
            Decision decision = Negotiation.decide(offer, 0, settings.limits(), room(free));
            if (decision instanceof Refuse refuse) {
                return new Declined(refuse);
            }
            String key = StreamKeys.generate();
            StreamRecord record = new StreamRecord(StreamKeys.hash(key), ownerId, route, format, fileName,
                    offer.total(), buffer(decision), SPOOL_PREFIX + UUID.randomUUID(), clock.instant());
            record.leaseTo(handovers.newLease());
            // The record first: a spool file without one is an orphan the cleaner may delete at any time.
            sessions.create(record);
            SpoolFile spool;
            try {
                spool = blobs.createSpool(record.getSpoolName());
            } catch (IOException | RuntimeException e) {
                sessions.delete(record.getKeyHash());
                throw e;
            }
            meters.uploadStarted();
            return new Opened(register(key, record, decision, 0, spool, connection));
        });
    }

    /**
     * Resumes the owner's stream with this key on {@code route}, taking it over from the connection that still has it:
     * at once on this node; on another node once that node has let go (at its next checkpoint or lease renewal) or,
     * if it died, its lease has run out. The offer's total must be the stream's; a {@code format} given must be the
     * stream's.
     */
    public Opening resume(String ownerId, String key, String route, XStream.Offer offer, Optional<DataFormat> format,
                          StreamConnection connection) throws IOException {
        Opening opening = claimThen(ownerId, key, route,
                keyHash -> resumeClaimed(ownerId, key, keyHash, route, offer, format, connection));
        if (opening instanceof Opened) {
            meters.uploadResumed();
        }
        return opening;
    }

    /**
     * Abandons the owner's stream with this key on {@code route}: its record and data are deleted, at once, and a
     * connection still sending it is told as after a resume elsewhere. It is taken over as a resume takes it.
     */
    public Opening abandon(String ownerId, String key, String route) throws IOException {
        return claimThen(ownerId, key, route, keyHash -> {
            synchronized (keyLocks.forKey(keyHash)) {
                endHere(keyHash, "it was abandoned on another connection");
                Optional<StreamRecord> record = sessions.find(keyHash);
                if (record.isEmpty() || !sessions.delete(keyHash)) {
                    return unknownKey();
                }
                // Without its record the spool file is an orphan: the cleaner deletes it if this cannot.
                try {
                    blobs.deleteSpool(record.get().getSpoolName());
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Could not delete the spool file of an abandoned stream (user "
                            + LogText.escape(ownerId) + ", stream " + StreamKeys.prefix(key) + ")", e);
                }
                meters.uploadFailed();
                LOG.info(() -> "Stream abandoned (user " + LogText.escape(ownerId) + ", route "
                        + LogText.escape(route) + ", stream " + StreamKeys.prefix(key) + ")");
                return new Abandoned(record.get().getTotalBytes() - record.get().getHeldBytes());
            }
        });
    }

    /** What is done with a stream once this node holds its lease. */
    @FunctionalInterface
    private interface Claimed {
        Opening run(String keyHash) throws IOException;
    }

    /**
     * Takes the owner's stream with this key on {@code route} for this node, as a resume does, then runs
     * {@code claimed}; if that declines, the stream is let go again so that another node may take it at once.
     */
    private Opening claimThen(String ownerId, String key, String route, Claimed claimed) throws IOException {
        if (!StreamKeys.isWellFormed(key)) {
            return unknownKey();
        }
        String keyHash = StreamKeys.hash(key);
        Optional<StreamRecord> taken;
        try {
            taken = handovers.claim(() -> claimHere(keyHash, ownerId, route));
        } catch (HeldElsewhereException e) {
            LOG.warning(() -> "Stream not resumed (user " + LogText.escape(ownerId) + ", route " + LogText.escape(route)
                    + ", stream " + StreamKeys.prefix(key) + "): " + e.getMessage());
            return heldElsewhere();
        }
        if (taken.isEmpty()) {
            return unknownKey();
        }
        Opening opening = claimed.run(keyHash);
        if (opening instanceof Declined) {
            // Nothing receives the stream here: another node may resume it at once.
            sessions.release(keyHash, node.leaseOwner());
        }
        return opening;
    }

    /** One attempt to take the stream's lease for this node (see {@link StreamSessions#claim}). */
    private LeaseClaim<StreamRecord> claimHere(String keyHash, String ownerId, String route) {
        synchronized (keyLocks.forKey(keyHash)) {
            Instant now = clock.instant();
            return sessions.claim(keyHash, ownerId, route, now.minus(settings.keyTtl()), now, handovers.newLease());
        }
    }

    /** Ends the stream's receiving on this node, if a connection here has it; call under the key's lock. */
    private void endHere(String keyHash, String why) {
        OpenStream previous = receiving.get(keyHash);
        if (previous != null) {
            synchronized (previous) {
                if (!previous.ended) {
                    end(previous, why);
                }
            }
        }
    }

    /** Resumes a stream this node holds the lease of, ending the connection of this node that still has it. */
    private Opening resumeClaimed(String ownerId, String key, String keyHash, String route, XStream.Offer offer,
                                  Optional<DataFormat> format, StreamConnection connection) throws IOException {
        synchronized (keyLocks.forKey(keyHash)) {
            endHere(keyHash, "it was resumed on another connection");
            // Read after any connection that had the stream let go of it (it stays listed until it has recorded
            // its durable length and closed its spool file), so this is the length to continue from. Claimed once
            // more: a connection of this node that let go after the first claim released the node's lease.
            LeaseClaim<StreamRecord> current = claimHere(keyHash, ownerId, route);
            if (current instanceof LeaseClaim.HeldElsewhere<StreamRecord>) {
                return heldElsewhere();
            }
            if (!(current instanceof LeaseClaim.Taken<StreamRecord> taken)) {
                return unknownKey();
            }
            StreamRecord record = taken.work();
            if (offer.total() != record.getTotalBytes()) {
                return new Declined(new Refuse(Status.STREAM_REFUSED, "the stream's total is "
                        + record.getTotalBytes() + " bytes; resume it with x-stream: " + record.getTotalBytes()
                        + ":<buffer>"));
            }
            if (format.isPresent() && format.get() != record.getDataFormat()) {
                return new Declined(new Refuse(Status.STREAM_REFUSED, "the stream's data-format is "
                        + record.getDataFormat().wire()));
            }
            long held = record.getHeldBytes();
            // The stream's own total is among what the user holds: it may have all of it again.
            Decision decision = Negotiation.decide(offer, held, settings.limits(),
                    room(quota.free(ownerId) + record.getTotalBytes()));
            if (decision instanceof Refuse refuse) {
                return new Declined(refuse);
            }
            Optional<SpoolFile> spool = blobs.reopenSpool(record.getSpoolName(), held);
            if (spool.isEmpty()) {
                LOG.warning(() -> "Stream data lost, the stream cannot resume (user " + LogText.escape(ownerId)
                        + ", route "
                        + LogText.escape(route)
                        + ", stream " + StreamKeys.prefix(key) + "): spool file missing or shorter than " + held);
                sessions.delete(keyHash);
                return unknownKey();
            }
            return new Opened(register(key, record, decision, held, spool.get(), connection));
        }
    }

    /** Takes a part of a binary message for the stream; completes the stream after its last byte. */
    public Progress receive(OpenStream stream, ByteBuffer part, boolean last, StreamConnection connection) {
        synchronized (stream) {
            if (stream.ended || stream.connection != connection) {
                return LOST;
            }
            int bytes = part.remaining();
            StreamTransfer.Step step = stream.transfer.onPart(bytes, last);
            if (step instanceof Reject reject) {
                LOG.info(() -> "Stream refused data (" + stream.describe() + "): " + LogText.escape(reject.reason()));
                discard(stream);
                meters.uploadFailed();
                return new Failed(reject.status(), reject.reason(), reject.missing());
            }
            if (step instanceof Pause pause) {
                return pause(stream, part, pause);
            }
            Write write = (Write) step;
            try {
                stream.spool.append(part);
                if (write.checkpoint()) {
                    StreamSessions.Checkpoint recorded = checkpoint(stream);
                    if (recorded == StreamSessions.Checkpoint.HANDOVER_REQUESTED) {
                        handOver(stream);
                        return LOST;
                    }
                    if (recorded == StreamSessions.Checkpoint.LOST) {
                        // This node's lease ran out (it stalled) and another node resumed the stream: stop writing.
                        end(stream, "another node holds it now");
                        return LOST;
                    }
                }
                return write.complete() ? complete(stream) : RECEIVING;
            } catch (IOException | RuntimeException e) {
                return failed(stream, e);
            }
        }
    }

    /** Completes a stream that had nothing (more) to receive when it opened: total 0, or resumed whole. */
    public Progress completeReceived(OpenStream stream) {
        synchronized (stream) {
            if (stream.ended || stream.transfer.state() != StreamTransfer.State.RECEIVED) {
                throw new IllegalStateException("The stream is not waiting to be completed");
            }
            try {
                return complete(stream);
            } catch (IOException | RuntimeException e) {
                return failed(stream, e);
            }
        }
    }

    /**
     * The connection closed: makes what arrived durable and keeps the stream for resuming, on any node. Under the
     * key's lock, as a resume takes the stream over, so that the lease let go here is not the resume's.
     */
    public void release(OpenStream stream, StreamConnection connection) {
        synchronized (keyLocks.forKey(stream.keyHash)) {
            synchronized (stream) {
                if (!stream.ended && stream.connection == connection) {
                    letGo(stream, "its connection closed");
                }
            }
        }
    }

    /**
     * Stores a file sent whole in a request's payload exactly as a complete stream is stored: written to a spool
     * file under the user's quota and the disk's reserve, checked against its format, then kept in the catalogue.
     */
    public Progress storeInline(String ownerId, DataFormat format, String fileName, byte[] content)
            throws IOException {
        SpoolFile spool = blobs.createTransientSpool("stream-inline");
        meters.uploadStarted();
        Progress outcome;
        try {
            spool.chargeTo(quota.reserve(ownerId, content.length));
            spool.append(ByteBuffer.wrap(content));
            outcome = checkAndStore(spool, format, new NewFile(fileName, ownerId, null, FileSource.STREAM));
        } catch (IOException | RuntimeException e) {
            spool.discard();
            meters.uploadFailed();
            throw e;
        }
        if (outcome instanceof Failed failed) {
            spool.discard();
            meters.uploadFailed();
            LOG.info(() -> "Inline file discarded (user " + LogText.escape(ownerId) + "): "
                    + LogText.escape(failed.reason()));
        } else {
            meters.uploadCompleted();
        }
        return outcome;
    }

    /**
     * The server shuts down: leaves the connection's stream resumable as {@link #release} does, and returns the bytes
     * durable now, where a resume continues; empty when the stream is no longer the connection's.
     */
    public OptionalLong releaseForShutdown(OpenStream stream, StreamConnection connection) {
        synchronized (keyLocks.forKey(stream.keyHash)) {
            synchronized (stream) {
                if (stream.ended || stream.connection != connection) {
                    return OptionalLong.empty();
                }
                release(stream, connection);
                return OptionalLong.of(stream.transfer.durable());
            }
        }
    }

    /** Whether the stream is still this connection's: not ended, not taken over by a resume elsewhere. */
    public boolean isReceivingFor(OpenStream stream, StreamConnection connection) {
        synchronized (stream) {
            return !stream.ended && stream.connection == connection;
        }
    }

    @Override
    public String name() {
        return "streams";
    }

    @Override
    public String spoolPrefix() {
        return SPOOL_PREFIX;
    }

    /** A stream unused for longer than the key lifetime expires. */
    @Override
    public Duration expiresAfter() {
        return settings.keyTtl();
    }

    @Override
    public List<StreamRecord> unusedSince(Instant cutoff, int limit) {
        return sessions.expired(cutoff, limit);
    }

    @Override
    public boolean expire(StreamRecord record, Instant cutoff, Instant now) {
        if (receiving.containsKey(record.getKeyHash())) {
            // Connected, but no checkpoint for a whole lifetime (a very slow client): still in use.
            sessions.touch(record.getKeyHash(), now);
            return false;
        }
        boolean expired = sessions.deleteIfExpired(record.getKeyHash(), cutoff, now);
        if (expired) {
            // It can no longer be resumed.
            meters.uploadFailed();
        }
        return expired;
    }

    /**
     * Renews the leases of the streams this node's connections receive, and hands over those a resume on another node
     * asked for: the connection here makes what it received durable and lets go (its next data is refused, as when
     * the stream is resumed on another connection of this node).
     */
    @Override
    public void renewLeases(String owner, Instant now, Instant until) {
        List<String> keys = List.copyOf(receiving.keySet());
        for (int from = 0; from < keys.size(); from += LEASE_BATCH) {
            sessions.renewLeases(owner, keys.subList(from, Math.min(keys.size(), from + LEASE_BATCH)), until);
        }
        for (String keyHash : sessions.handoversRequested(owner)) {
            OpenStream stream = receiving.get(keyHash);
            if (stream == null) {
                sessions.release(keyHash, owner);
                continue;
            }
            synchronized (stream) {
                if (!stream.ended) {
                    handOver(stream);
                }
            }
        }
    }

    @Override
    public String spoolName(StreamRecord record) {
        return record.getSpoolName();
    }

    @Override
    public String describeExpired(StreamRecord record) {
        return "Stream expired (user " + LogText.escape(record.getOwnerId()) + ", route "
                + LogText.escape(record.getRoute()) + ", " + record.getHeldBytes() + " of " + record.getTotalBytes()
                + " bytes held)";
    }

    /** Every stream's: a stream's record goes when it is stored, discarded or expired. */
    @Override
    public Set<String> spoolNamesInUse() {
        return sessions.spoolNames();
    }

    private OpenStream register(String key, StreamRecord record, Decision accepted, long held, SpoolFile spool,
                                StreamConnection connection) {
        long limit = accepted instanceof Partial partial ? partial.limit() : record.getTotalBytes();
        StreamTransfer transfer = new StreamTransfer(record.getTotalBytes(), limit, buffer(accepted), held,
                settings.checkpointBytes());
        OpenStream stream = new OpenStream(key, record, transfer, spool, connection);
        receiving.put(stream.keyHash, stream);
        return stream;
    }

    /** Unexpired streams reserve their whole total. */
    @Override
    public long reservedBy(String userId) {
        return sessions.reservedBy(userId, clock.instant().minus(settings.keyTtl()));
    }

    /** The room for a stream, given what the user's quota has left for it. */
    private Negotiation.Room room(long quotaFree) throws IOException {
        return new Negotiation.Room(quotaFree, blobs.usableSpace() - storage.minFreeBytes());
    }

    private static int buffer(Decision accepted) {
        if (accepted instanceof Partial partial) {
            return partial.buffer();
        }
        return ((Accept) accepted).buffer();
    }

    private Progress complete(OpenStream stream) throws IOException {
        Progress outcome = checkAndStore(stream.spool, stream.format, new NewFile(stream.fileName, stream.ownerId,
                null, FileSource.STREAM));
        if (outcome instanceof Failed failed) {
            LOG.info(() -> "Stream discarded (" + stream.describe() + "): " + LogText.escape(failed.reason()));
            discard(stream);
            meters.uploadFailed();
            return outcome;
        }
        forget(stream);
        meters.uploadCompleted();
        LOG.fine(() -> "Stream stored as file " + ((Stored) outcome).file().getId() + " (" + stream.describe()
                + ")");
        return outcome;
    }

    /** Checks complete data against its format and, if it passes, stores it in the catalogue (consuming the spool). */
    private Progress checkAndStore(SpoolFile spool, DataFormat format, NewFile file) throws IOException {
        FormatCheck check;
        try (InputStream data = spool.newInputStream()) {
            check = FormatChecks.check(format, data, settings.jsonMaxValueChars());
        }
        if (!check.passed()) {
            return new Failed(Status.FORMAT_CHECK_FAILED, check.reason(), 0);
        }
        return new Stored(files.store(spool, file));
    }

    /**
     * The stream stops here, resumable: the first bytes of the part the pause takes are written, the bytes the stream
     * keeps made durable, and the stream let go.
     */
    private Progress pause(OpenStream stream, ByteBuffer part, Pause pause) {
        try {
            if (pause.take() > 0) {
                stream.spool.append(part.limit(part.position() + pause.take()));
            }
        } catch (IOException | RuntimeException e) {
            return failed(stream, e);
        }
        LOG.info(() -> "Stream paused at " + pause.keep() + " bytes (" + stream.describe() + "): "
                + LogText.escape(pause.reason()));
        letGo(stream, "it paused");
        return new Paused(pause.status(), pause.reason(), pause.missing(), stream.transfer.durable());
    }

    private Progress failed(OpenStream stream, Exception e) {
        stream.transfer.fail();
        discard(stream);
        meters.uploadFailed();
        if (e instanceof StorageFullException) {
            LOG.warning(() -> "Stream discarded, storage full (" + stream.describe() + "): " + e.getMessage());
            return new Failed(Status.STORAGE_EXHAUSTED, "the server's disk is full", stream.transfer.missing());
        }
        Incident incident = Incident.log(LOG, "Stream failed (" + stream.describe() + ")", e);
        return new Failed(Status.INTERNAL_ERROR, "the server could not keep the stream (ref " + incident.ref() + ")",
                stream.transfer.missing());
    }

    private StreamSessions.Checkpoint checkpoint(OpenStream stream) throws IOException {
        // What the stream holds: after a pause that dropped the start of a message, less than the spool's length.
        StreamSessions.Checkpoint recorded = stream.spool.checkpoint(stream.transfer.held(),
                held -> sessions.checkpoint(stream.keyHash, held, clock.instant(), handovers.newLease()));
        stream.transfer.checkpointed();
        return recorded;
    }

    /** A resume on another node asked for the stream: it stops here, durable up to what arrived, and is let go. */
    private void handOver(OpenStream stream) {
        letGo(stream, "it was resumed on another node");
    }

    /** Leaves the stream resumable, as {@link #end} does, and lets go of its lease: any node may resume it now. */
    private void letGo(OpenStream stream, String why) {
        end(stream, why);
        sessions.release(stream.keyHash, node.leaseOwner());
    }

    /** Leaves the stream resumable: durable up to what arrived, spool file closed, no longer receiving here. */
    private void end(OpenStream stream, String why) {
        stream.ended = true;
        try {
            checkpoint(stream);
        } catch (IOException | RuntimeException e) {
            // The stream resumes from its previous checkpoint.
            LOG.log(Level.WARNING, "Could not record the stream's progress when " + why + " (" + stream.describe()
                    + ")", e);
        }
        try {
            stream.spool.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not close the stream's spool file (" + stream.describe() + ")", e);
        }
        // Last: a resume waits on this stream while it is listed, and reads the offset recorded above.
        receiving.remove(stream.keyHash, stream);
        LOG.fine(() -> "Stream paused, " + why + " (" + stream.describe() + ", " + stream.transfer.held() + " of "
                + stream.transfer.total() + " bytes held)");
    }

    /** Ends the stream for good and deletes its data. */
    private void discard(OpenStream stream) {
        try {
            stream.spool.discard();
        } catch (IOException e) {
            // The cleaner deletes the orphaned spool file later.
            LOG.log(Level.WARNING, "Could not delete the spool file of a failed stream (" + stream.describe() + ")",
                    e);
        }
        forget(stream);
    }

    private void forget(OpenStream stream) {
        stream.ended = true;
        try {
            sessions.delete(stream.keyHash);
        } catch (RuntimeException e) {
            // Its key stops working when it expires; the cleaner then removes it.
            LOG.log(Level.WARNING, "Could not delete the record of an ended stream (" + stream.describe() + ")", e);
        }
        // Last, as in end(): a resume that finds no listed stream finds no record either.
        receiving.remove(stream.keyHash, stream);
    }

    private static Declined heldElsewhere() {
        return new Declined(new Refuse(Status.STREAM_REFUSED, "the stream is being received on another server;"
                + " try again later"));
    }

    private static Declined unknownKey() {
        return new Declined(new Refuse(Status.UNKNOWN_STREAM_KEY, "unknown or expired stream key"));
    }
}
