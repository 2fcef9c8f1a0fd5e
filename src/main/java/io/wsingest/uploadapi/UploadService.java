package io.wsingest.uploadapi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import io.wsingest.cluster.ClusterSettings;
import io.wsingest.cluster.ThisNode;
import io.wsingest.logging.LogText;
import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.Protocol;
import io.wsingest.metrics.ProtocolMeters;
import io.wsingest.ocr.ImageFormat;
import io.wsingest.ocr.OcrService;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.FileCatalog;
import io.wsingest.storage.FileSource;
import io.wsingest.storage.NewFile;
import io.wsingest.storage.QuotaExceededException;
import io.wsingest.storage.StorageFullException;
import io.wsingest.storage.StoredFile;
import io.wsingest.storage.UserQuota;

/**
 * What the Upload API's commands do: create uploads from streamed base64, an imported server file or content the
 * user already stored; list, retrieve, update and delete them; and hand each new or re-run upload to OCR. Content
 * goes into the shared store through the {@link FileCatalog}, and a user holds each content once: creating it again
 * returns the existing upload as a duplicate.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class.getName());

    static final String NOT_FOUND = "Upload not found.";

    /** Rows read at a time for a whole list. */
    private static final int LIST_BATCH = 500;

    /** A missing upload and another user's look the same. */
    static CommandRejected notFound() {
        return new CommandRejected("instance_id", NOT_FOUND);
    }

    /**
     * The result of a create: the new upload and the OCR job this node leased for it, or the user's existing one with
     * the same content (and no job).
     */
    record Created(UploadView upload, boolean duplicate, String ocrJob) {

        static Created duplicateOf(UploadView existing) {
            return new Created(existing, true, null);
        }
    }

    /** The result of an update: the upload, and the OCR job this node leased for it when the update re-runs OCR. */
    record Updated(UploadView upload, String ocrJob) {
    }

    @Inject
    UploadRecords records;

    @Inject
    FileCatalog files;

    @Inject
    BlobStore blobs;

    @Inject
    OcrService ocr;

    @Inject
    UploadApiSettings settings;

    @Inject
    UserQuota quota;

    @Inject
    ThisNode node;

    @Inject
    ClusterSettings cluster;

    @Inject
    OcrJobLeases jobLeases;

    @Inject
    Metrics metrics;

    private ImportPathGuard importGuard;

    @PostConstruct
    void init() {
        importGuard = new ImportPathGuard(settings.importDirs());
    }

    /**
     * Creates an upload, or finds the user's existing one with the same content. A new upload is pending; its OCR
     * starts with {@link #startOcr}, once the reply is on its way, so the client hears of the upload before its
     * status events.
     */
    Created create(String owner, Command.Create command, String originSessionId) throws CommandRejected, IOException {
        requireOcr();
        ProtocolMeters meters = metrics.protocol(Protocol.D);
        meters.uploadStarted();
        try {
            Created created = createFrom(owner, command, originSessionId);
            meters.uploadCompleted();
            return created;
        } catch (CommandRejected | IOException | RuntimeException e) {
            meters.uploadFailed();
            throw e;
        }
    }

    private Created createFrom(String owner, Command.Create command, String originSessionId)
            throws CommandRejected, IOException {
        if (command.image() != null) {
            return createFromImage(owner, command.image(), command.imageHash(), originSessionId);
        }
        if (command.imagePath() != null) {
            return createFromPath(owner, command.imagePath(), command.imageHash(), originSessionId);
        }
        return createFromHash(owner, command.imageHash(), originSessionId);
    }

    private Created createFromImage(String owner, StreamedImage.Decoded image, String claimedHash, String origin)
            throws CommandRejected, IOException {
        ImageFormat format = acceptedType("image_base64", image.head());
        String sha256 = image.spool().sha256();
        if (claimedHash != null && !claimedHash.equals(sha256)) {
            throw new CommandRejected("image_hash", "Does not match the content of image_base64.");
        }
        Optional<UploadView> existing = records.findByContent(owner, sha256);
        if (existing.isPresent()) {
            return Created.duplicateOf(existing.get());
        }
        String id = UUID.randomUUID().toString();
        StoredFile file = store(() -> files.store(image.spool(), newFile(id + format.extension(), owner)));
        return insert(id, owner, null, file, format, origin);
    }

    private Created createFromPath(String owner, String requested, String claimedHash, String origin)
            throws CommandRejected, IOException {
        Path file;
        try {
            file = importGuard.check(requested);
        } catch (ImportPathGuard.Refused e) {
            throw new CommandRejected("image_path", e.getMessage());
        }
        long size = Files.size(file);
        checkSize("image_path", size);
        ImageFormat format;
        StoredFile stored;
        UserQuota.Reservation reservation = reserve("image_path", owner, size);
        // Opened once, without following a link put there since the check, and sniffed from the same stream.
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] head = in.readNBytes(MessageReader.HEAD_BYTES);
            format = acceptedType("image_path", head);
            stored = store(() -> files.store(new SequenceInputStream(new ByteArrayInputStream(head), in),
                    newFile(file.getFileName().toString(), owner)));
        } finally {
            // Stored (and counted by its record) or not stored at all.
            reservation.release();
        }
        String sha256 = stored.getSha256();
        if (claimedHash != null && !claimedHash.equals(sha256)) {
            files.delete(stored.getId());
            throw new CommandRejected("image_hash", "Does not match the content of image_path.");
        }
        Optional<UploadView> existing = records.findByContent(owner, sha256);
        if (existing.isPresent()) {
            files.delete(stored.getId());
            return Created.duplicateOf(existing.get());
        }
        return insert(UUID.randomUUID().toString(), owner, Path.of(requested).normalize().toString(), stored, format,
                origin);
    }

    private Created createFromHash(String owner, String sha256, String origin) throws CommandRejected, IOException {
        Optional<UploadView> existing = records.findByContent(owner, sha256);
        if (existing.isPresent()) {
            return Created.duplicateOf(existing.get());
        }
        StoredFile source = files.findOwned(owner, sha256)
                .orElseThrow(() -> new CommandRejected("image_hash", "None of your files has this content."));
        checkSize("image_hash", source.getSize());
        // A copy takes no disk, but every file counts its size against the quota.
        UserQuota.Reservation reservation = reserve("image_hash", owner, source.getSize());
        try {
            ImageFormat format = acceptedType("image_hash", headOf(sha256));
            StoredFile file = files.storeCopyOf(source, newFile(source.getFileName(), owner));
            return insert(UUID.randomUUID().toString(), owner, null, file, format, origin);
        } catch (NoSuchFileException e) {
            // The other file was deleted meanwhile.
            throw new CommandRejected("image_hash", "None of your files has this content.");
        } finally {
            reservation.release();
        }
    }

    private Created insert(String id, String owner, String imagePath, StoredFile file, ImageFormat format,
                           String origin) throws IOException {
        OcrLease lease = newLease();
        try {
            return new Created(records.insert(id, owner, imagePath, file.getSha256(), format.contentType(),
                    file.getSize(), file.getId(), lease, origin), false, lease.job());
        } catch (UploadRecords.DuplicateContent e) {
            // The same user created the same content at the same moment on another socket: theirs won.
            files.delete(file.getId());
            Optional<UploadView> winner = records.findByContent(owner, file.getSha256());
            if (winner.isEmpty()) {
                throw new IOException("Could not record the upload", e);
            }
            return Created.duplicateOf(winner.get());
        }
    }

    /** A lease for a job this node queues now. */
    OcrLease newLease() {
        return OcrLease.newJob(node.leaseOwner(), cluster.leaseEnd(UploadRecords.now()));
    }

    /**
     * Starts the OCR job this node leased for a pending upload; a full queue puts it in error at once, with an event
     * saying so.
     */
    void startOcr(UploadView upload, String ocrJob) {
        if (!queueOcr(upload, ocrJob)) {
            int waiting = ocr.settings().queueLimit();
            LOG.warning(() -> "OCR queue full (" + waiting + " waiting): upload " + upload.id() + " of "
                    + LogText.escape(upload.owner()) + " not processed");
            records.failed(upload.id(), ocrJob, "OCR queue is full (" + waiting + " jobs waiting); try again later by"
                    + " setting status to \"pending\".");
        }
    }

    /** Puts the leased job in the local OCR queue; false when the queue is full. */
    boolean queueOcr(UploadView upload, String ocrJob) {
        return ocr.submit(ocr.newJob(upload.id(), () -> blobs.open(upload.imageHash()), upload.contentType(),
                new UploadJobProgress(records, jobLeases, upload.id(), ocrJob)));
    }

    List<UploadView> list(String owner, int offset, int limit) {
        return records.list(owner, offset, limit);
    }

    /**
     * Every upload of the owner, newest first, read in batches; refused (never cut short) when they would take more
     * than half the socket's outbound limit, which would otherwise close the socket.
     */
    List<UploadView> listAll(String owner) throws CommandRejected {
        long budget = settings.maxOutboundBytes() / 2;
        long used = 0;
        List<UploadView> all = new ArrayList<>();
        for (List<UploadView> batch; !(batch = records.list(owner, all.size(), LIST_BATCH)).isEmpty(); ) {
            for (UploadView upload : batch) {
                used += UploadApiCodec.listedLength(upload);
                if (used > budget) {
                    throw new CommandRejected(CommandRejected.NON_FIELD, "Your uploads do not fit into one reply of"
                            + " at most " + budget + " characters; send offset and limit to list them page by page.");
                }
                all.add(upload);
            }
            if (batch.size() < LIST_BATCH) {
                break;
            }
        }
        return all;
    }

    long count(String owner) {
        return records.count(owner);
    }

    UploadView retrieve(String owner, String id) throws CommandRejected {
        return records.find(owner, id).orElseThrow(UploadService::notFound);
    }

    /** Whether the upload exists and is the owner's (a per-upload socket may follow it). */
    boolean owns(String owner, String id) {
        return records.find(owner, id).isPresent();
    }

    /**
     * Applies an update; a re-run's OCR starts with {@link #startOcr} after the reply. Fields sent with their stored
     * values change nothing, so an instance sent back whole updates only what the client changed in it.
     */
    Updated update(String owner, Command.Update command, String originSessionId) throws CommandRejected {
        OcrLease lease = UploadStatus.PENDING.wireName().equals(command.status()) ? newLease() : null;
        AtomicBoolean reran = new AtomicBoolean();
        UploadView updated = records.update(owner, command.id(), upload -> {
            try {
                reran.set(apply(command, upload, lease));
                return null;
            } catch (CommandRejected refused) {
                return refused;
            }
        }, originSessionId);
        return new Updated(updated, reran.get() ? lease.job() : null);
    }

    /** Changes the upload as the update says; returns whether it runs OCR again. */
    private boolean apply(Command.Update command, Upload upload, OcrLease lease) throws CommandRejected {
        Map<String, String> errors = new LinkedHashMap<>();
        JsonObject stored = UploadApiCodec.instance(upload.view());
        command.readOnly().forEach((name, sent) -> {
            if (!sameValue(stored.get(name), sent)) {
                errors.put(name, CommandDecoder.READ_ONLY);
            }
        });
        String current = upload.getStatus().wireName();
        boolean rerun = command.status() != null && !command.status().equals(current);
        if (rerun && lease == null) {
            errors.put("status", CommandDecoder.ONLY_PENDING);
        }
        boolean changesText = command.setsProcessedText()
                && !Objects.equals(command.processedText(), upload.view().processedText());
        if (rerun && changesText) {
            errors.put("processed_text", "Cannot be changed together with status.");
        }
        if (!errors.isEmpty()) {
            throw new CommandRejected(null, null, errors);
        }
        Instant now = UploadRecords.now();
        if (rerun) {
            requireOcr();
            if (!upload.rerun(lease, now)) {
                throw new CommandRejected("status", "OCR is already " + current + ".");
            }
        }
        if (changesText) {
            if (upload.getStatus() != UploadStatus.PROCESSED) {
                throw new CommandRejected("processed_text", "Can be changed once the upload is processed (it is "
                        + current + ").");
            }
            upload.setProcessedText(command.processedText(), now);
        }
        return rerun;
    }

    /** Whether a value sent back equals the stored one; numbers by value ({@code 5} and {@code 5.0} alike). */
    private static boolean sameValue(JsonValue stored, JsonValue sent) {
        if (stored instanceof JsonNumber a && sent instanceof JsonNumber b) {
            return a.bigDecimalValue().compareTo(b.bigDecimalValue()) == 0;
        }
        return Objects.equals(stored, sent);
    }

    /** Deletes the upload, stops its OCR and releases its file. */
    UploadView delete(String owner, String id, String originSessionId) throws CommandRejected {
        UploadRecords.Deleted deleted = records.delete(owner, id, originSessionId);
        ocr.cancel(id);
        files.delete(deleted.fileId());
        return deleted.upload();
    }

    /** Refuses a command that needs OCR while this server runs none (docs/protocol-d-upload-api.md, errors). */
    private void requireOcr() throws CommandRejected {
        switch (ocr.state()) {
            case DISABLED -> throw new CommandRejected(CommandRejected.NON_FIELD, "OCR is turned off on this server.");
            case FAILED -> throw new CommandRejected(CommandRejected.NON_FIELD,
                    "OCR is unavailable on this server; try again later.");
            case RUNNING -> {
                // Nothing to refuse.
            }
        }
    }

    /** The first bytes of stored content, for sniffing. */
    private byte[] headOf(String sha256) throws IOException {
        try (SeekableByteChannel channel = blobs.open(sha256)) {
            ByteBuffer head = ByteBuffer.allocate(MessageReader.HEAD_BYTES);
            while (head.hasRemaining() && channel.read(head) != -1) {
                // Until the buffer is full or the content ends.
            }
            return Arrays.copyOf(head.array(), head.position());
        }
    }

    private ImageFormat acceptedType(String field, byte[] head) throws CommandRejected {
        String accepted = String.join(", ", ocr.contentTypes());
        ImageFormat format = ContentSniffer.sniff(head).orElseThrow(() -> new CommandRejected(field,
                "Not a supported image: the content is none of " + accepted + "."));
        if (!ocr.reads(format.contentType())) {
            throw new CommandRejected(field, "Unsupported content type " + format.contentType() + "; accepted: " + accepted
                    + ".");
        }
        return format;
    }

    private void checkSize(String field, long size) throws CommandRejected {
        if (size > settings.maxImageBytes()) {
            throw new CommandRejected(field, "The image is larger than the limit of " + settings.maxImageBytes() + " bytes.");
        }
        if (size == 0) {
            throw new CommandRejected(field, "The file is empty.");
        }
    }

    /** The error a create gets when the user's quota has no room for the image. */
    static String quotaExceeded(QuotaExceededException e) {
        return "Your storage quota is full: it has room for " + e.freeBytes() + " more of " + e.quotaBytes()
                + " bytes.";
    }

    private UserQuota.Reservation reserve(String field, String owner, long size) throws CommandRejected {
        try {
            return quota.reserve(owner, size);
        } catch (QuotaExceededException e) {
            LOG.info(() -> "Upload API create of " + LogText.escape(owner) + " refused: " + e.getMessage());
            throw new CommandRejected(field, quotaExceeded(e));
        }
    }

    @FunctionalInterface
    private interface Storing {
        StoredFile run() throws IOException;
    }

    /** Stores content; a full disk is the client's problem to hear about, other failures are the server's. */
    private static StoredFile store(Storing storing) throws CommandRejected, IOException {
        try {
            return storing.run();
        } catch (StorageFullException e) {
            throw new CommandRejected(CommandRejected.NON_FIELD, "The server's storage is full; try again later.");
        }
    }

    private static NewFile newFile(String name, String owner) {
        return new NewFile(name, owner, null, FileSource.UPLOAD_API);
    }
}
