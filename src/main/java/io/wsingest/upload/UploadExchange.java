package io.wsingest.upload;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.wsingest.storage.DisplayNames;
import io.wsingest.storage.QuotaExceededException;
import io.wsingest.websocket.Disconnect;

/**
 * The rules of protocol A for one connection, in plain Java: given what arrives and what the server knows, what
 * happens next. It does no I/O; the endpoint carries out the {@link UploadStep}s. Not thread-safe: the endpoint
 * calls it under the connection's lock.
 *
 * <p>A connection goes through {@link #admit} (who, which project), {@link #offer} (the server's
 * {@link FileStateInfo}), {@link #onText} (the client's answer: the handshake), then {@link #onBinary} for each data
 * message, with {@link #onTick} between them, until it closes. Each rule quotes the protocol document.
 */
public final class UploadExchange {

    /** Where the connection is. */
    public enum Phase {
        /** Admitted, nothing sent yet. */
        NEW,
        /** The server's FileStateInfo is sent; waiting for the client's answer. */
        OFFERED,
        /** The handshake is accepted: data flows. */
        UPLOADING,
        /** Every byte of a file of known size arrived. */
        COMPLETED,
        /** Closed, by either side. */
        CLOSED
    }

    /** The handshake request as the endpoint saw it. */
    public record ConnectRequest(String userId, String authRejection, String projectId, String saveMedia) {
    }

    /** The question the admission asks the server. */
    @FunctionalInterface
    public interface AccessCheck {
        boolean mayUpload(String userId, String projectId);
    }

    /** The outcome of {@link #admit}. */
    public sealed interface Admission {
    }

    public record Admitted(String userId, String projectId, boolean saveMedia) implements Admission {
    }

    public record Refused(Disconnect disconnect) implements Admission {
    }

    /** Reads the client's FileStateInfo answer (JSON in the server, anything in a test). */
    @FunctionalInterface
    public interface ReplyReader {
        FileStateInfo read(String text) throws ProtocolViolation;
    }

    private final UploadSettings settings;
    private final UploadFrameCodec codec;
    private final DataMessageAssembler assembler;
    private final ReplyReader replies;
    private final String projectId;
    private final boolean saveMedia;

    private Phase phase = Phase.NEW;
    private UploadChain chain;
    private boolean expired;
    private long received;
    private Long totalSize;
    private boolean superseded;
    private boolean finishedElsewhere;
    private Instant lastHeard;

    public UploadExchange(UploadSettings settings, ReplyReader replies, Admitted admitted) {
        this.settings = settings;
        this.codec = new UploadFrameCodec(settings.byteOrder().order(), settings.bufferSize());
        this.assembler = new DataMessageAssembler(settings.bufferSize());
        this.replies = replies;
        this.projectId = admitted.projectId();
        this.saveMedia = admitted.saveMedia();
    }

    /**
     * Before the handshake: who may connect to which project, checked in this order. A refused token, a missing
     * {@code id}, a {@code saveMedia} that is not a boolean, no access (an unknown project looks the same), and
     * {@code saveMedia=false} while no live relay is deployed.
     */
    public static Admission admit(ConnectRequest request, AccessCheck access) {
        if (request.userId() == null) {
            // The document has no authentication error; this one is the server's own.
            return new Refused(UploadError.UNAUTHORIZED.disconnect(request.authRejection()));
        }
        if (request.projectId() == null || request.projectId().isBlank()) {
            // "Id is not provided: 1008 - Project id not set"
            return new Refused(UploadError.PROJECT_ID_NOT_SET.disconnect());
        }
        Optional<Boolean> saveMedia = saveMedia(request.saveMedia());
        if (saveMedia.isEmpty()) {
            return new Refused(UploadError.INVALID_SAVE_MEDIA.disconnect());
        }
        if (!access.mayUpload(request.userId(), request.projectId())) {
            // "Project does not exist / user cannot access project: 1001"
            return new Refused(UploadError.NO_ACCESS.disconnect());
        }
        return new Admitted(request.userId(), request.projectId(), saveMedia.get());
    }

    /** {@code saveMedia} defaults to true; otherwise {@code true} or {@code false} in any case. */
    private static Optional<Boolean> saveMedia(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of(true);
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /**
     * "As a first message server sends an object FileStateInfo", describing the project's chain: none
     * ({@code IsInitialized} false), or one to continue. A finished chain is refused instead. May be called again
     * with a fresher snapshot of the chain before the answer arrives.
     */
    public UploadStep offer(Optional<UploadChain> current, Instant now) {
        requirePhase(Phase.NEW, Phase.OFFERED);
        lastHeard = now;
        chain = current.orElse(null);
        if (chain != null && chain.state().finished()) {
            // "Upload already marked as finished: 1008 - Cannot upload, already completed"
            return close(UploadError.ALREADY_COMPLETED.disconnect());
        }
        if (chain != null && chain.saveMedia() != saveMedia) {
            return close(UploadError.SAVE_MEDIA_MISMATCH.disconnect(
                    Boolean.toString(chain.saveMedia()), Boolean.toString(saveMedia)));
        }
        expired = chain != null && chain.expiredAt(now, settings.restoreWindow());
        phase = Phase.OFFERED;
        return chain == null
                ? new UploadStep.Offer(new FileStateInfo(false, null, settings.bufferSize(), null, 0))
                : new UploadStep.Offer(new FileStateInfo(true, chain.fileName(), settings.bufferSize(),
                        chain.totalSize(), chain.durableOffset()));
    }

    /**
     * A text message: the client's FileStateInfo answer. "Either CurrentFileOffset must remain the same to continue
     * upload or it must be set to 0 when upload should be restarted." A chain is never restarted over: it must be
     * destroyed first.
     */
    public UploadStep onText(String text, Instant now) {
        lastHeard = now;
        if (phase == Phase.CLOSED || phase == Phase.COMPLETED) {
            return UploadStep.IGNORE;
        }
        if (superseded) {
            return close(UploadError.RECONNECTED.disconnect());
        }
        if (phase != Phase.OFFERED) {
            return close(UploadError.UNEXPECTED_TEXT.disconnect());
        }
        if (finishedElsewhere) {
            return close(UploadError.WRITE_TO_FINISHED.disconnect(projectId, false));
        }
        FileStateInfo answer;
        try {
            answer = replies.read(text);
        } catch (ProtocolViolation e) {
            return close(e.disconnect());
        }
        long offset = answer.currentFileOffset();
        if (chain == null) {
            if (offset != 0) {
                // The client believes in an upload the server does not have.
                return close(UploadError.RESTORE_NOT_CONTINUOUS.disconnect());
            }
            // The document requires a name: one that leaves nothing displayable is refused, not replaced.
            String fileName = DisplayNames.of(answer.fileName(), null);
            if (fileName == null) {
                return close(UploadError.INVALID_FILE_STATE_INFO.disconnect("FileName is required"));
            }
            if (answer.totalFileSize() != null && answer.totalFileSize() > settings.maxFileSize()) {
                // Refused before any byte: nothing is created for it.
                return close(UploadError.FILE_TOO_LARGE.disconnect(settings.maxFileSize()));
            }
            return begin(false, fileName, answer.totalFileSize(), 0);
        }
        if (offset == chain.durableOffset()) {
            if (expired) {
                // "Attempt to upload after timeout: 1008 - Upload cannot be restored, restore timed out"
                return close(UploadError.RESTORE_TIMED_OUT.disconnect());
            }
            if (answer.totalFileSize() != null && !answer.totalFileSize().equals(chain.totalSize())) {
                return close(UploadError.INVALID_FILE_STATE_INFO.disconnect("TotalFileSize "
                        + answer.totalFileSize() + " differs from the upload being restored ("
                        + (chain.totalSize() == null ? "unknown" : chain.totalSize()) + ")"));
            }
            return begin(true, chain.fileName(), chain.totalSize(), offset);
        }
        if (offset == 0) {
            // "Attempt to restart upload (CurrentFileOffset == 0): 1008"
            return close(UploadError.RESTART_REFUSED.disconnect());
        }
        // "Wrong number of written bytes (CurrentFileOffset differs): 1008"
        return close(expired ? UploadError.RESTORE_TIMED_OUT.disconnect()
                : UploadError.RESTORE_NOT_CONTINUOUS.disconnect());
    }

    private UploadStep begin(boolean resume, String fileName, Long total, long offset) {
        phase = Phase.UPLOADING;
        received = offset;
        totalSize = total;
        boolean complete = total != null && offset == total;
        if (complete) {
            phase = Phase.COMPLETED;
        }
        return new UploadStep.Begin(resume, fileName, total, offset, complete);
    }

    /**
     * A part of a binary message, as the container hands it over; the message is taken once it is whole. "Data larger
     * than message buffer: 1009 - Message does not fit into {buffer size}B buffer", as soon as the parts pass it.
     */
    public UploadStep onBinaryPart(ByteBuffer part, boolean last, Instant now) {
        ByteBuffer message;
        try {
            message = assembler.part(part, last);
        } catch (ProtocolViolation e) {
            lastHeard = now;
            return phase == Phase.CLOSED ? UploadStep.IGNORE : close(e.disconnect());
        }
        if (message == null) {
            lastHeard = now;
            return UploadStep.IGNORE;
        }
        return onBinary(message, now);
    }

    /**
     * A binary message: "offset count data". Data must continue exactly where the previous data ended and may not go
     * beyond {@code TotalFileSize}; the message must fit in {@code BufferSize}.
     */
    public UploadStep onBinary(ByteBuffer message, Instant now) {
        lastHeard = now;
        if (phase == Phase.CLOSED) {
            return UploadStep.IGNORE;
        }
        if (superseded) {
            // "Attempt to upload to old websocket (... newly opened WS is already in progress)"
            return close(UploadError.RECONNECTED.disconnect());
        }
        if (phase == Phase.NEW || phase == Phase.OFFERED) {
            return close(UploadError.INVALID_FILE_STATE_INFO.disconnect(
                    "the FileStateInfo answer must come before any data"));
        }
        if (phase == Phase.COMPLETED || finishedElsewhere) {
            // "Attempt to upload when upload was already mark as finished for some reason"
            return close(UploadError.WRITE_TO_FINISHED.disconnect(projectId, phase == Phase.COMPLETED));
        }
        DataFrame frame;
        try {
            frame = codec.decode(message);
        } catch (ProtocolViolation e) {
            return close(e.disconnect());
        }
        if (frame.offset() != received) {
            return close(UploadError.NOT_CONTINUOUS.disconnect(received, frame.offset()));
        }
        if (totalSize != null && frame.count() > totalSize - received) {
            // More data than the announced size: the count cannot be right.
            return close(UploadError.INVALID_DATA_SIZE.disconnect());
        }
        if (totalSize == null && frame.count() > settings.maxFileSize() - received) {
            // A stream of unknown size is held to the same limit as it grows.
            return close(UploadError.FILE_TOO_LARGE.disconnect(settings.maxFileSize()));
        }
        received += frame.count();
        boolean complete = totalSize != null && received == totalSize;
        if (complete) {
            phase = Phase.COMPLETED;
        }
        return new UploadStep.Write(frame.data(), complete);
    }

    /**
     * The periodic tick: "every X seconds backend sends message with number of obtained bytes", and a connection
     * that sent nothing for the idle timeout is closed. A superseded connection, or one whose upload was finished
     * elsewhere, no longer reports.
     */
    public UploadStep onTick(Instant now) {
        if (phase == Phase.CLOSED || phase == Phase.COMPLETED || phase == Phase.NEW) {
            return UploadStep.IGNORE;
        }
        if (!lastHeard.plus(settings.idleTimeout()).isAfter(now)) {
            // "Timeout - no data obtained by backend: 1008"
            return close(UploadError.IDLE_TIMEOUT.disconnect(settings.idleTimeout().toSeconds()));
        }
        return phase == Phase.UPLOADING && ownsUpload() ? UploadStep.HEARTBEAT : UploadStep.IGNORE;
    }

    /**
     * The client closed the connection (or it broke). "Unknown total size: the client's normal close (1000)
     * completes it"; any other end of an unfinished upload is an interruption, resumable later.
     */
    public UploadStep onClientClose(int code) {
        Phase before = phase;
        phase = Phase.CLOSED;
        if (before != Phase.UPLOADING || !ownsUpload()) {
            return UploadStep.IGNORE;
        }
        return code == 1000 && totalSize == null ? UploadStep.COMPLETE_STREAM : UploadStep.INTERRUPT;
    }

    /**
     * The handshake was accepted, but by the time the connection came to take the upload over the chain no longer
     * matched the answer (destroyed, finished, or started by another connection meanwhile).
     */
    public UploadStep.Close takeOverFailed(boolean resume) {
        return close(resume ? UploadError.RESTORE_NOT_CONTINUOUS.disconnect()
                : UploadError.RESTART_REFUSED.disconnect());
    }

    /**
     * The token the connection opened with expired (grace included). An upload in progress is not cut by the clock:
     * only a connection that is not uploading closes, with the server's authentication error.
     */
    public UploadStep onTokenExpired() {
        if (phase == Phase.UPLOADING || phase == Phase.COMPLETED || phase == Phase.CLOSED) {
            return UploadStep.IGNORE;
        }
        return close(UploadError.UNAUTHORIZED.disconnect("token expired"));
    }

    /** The user was removed from the project: "user cannot access project: 1001", whatever the connection does. */
    public UploadStep onAccessRevoked() {
        if (phase == Phase.COMPLETED || phase == Phase.CLOSED) {
            return UploadStep.IGNORE;
        }
        return close(UploadError.NO_ACCESS.disconnect());
    }

    /**
     * Carrying out a step failed: "Unknown error: 1011 - Error: '{exception.Message}'". The message is the server's
     * own words or an incident reference, never an exception's text (it may name files or SQL).
     */
    public UploadStep.Close fail(String message) {
        return close(UploadError.UNKNOWN.disconnect(message));
    }

    /** The user's storage quota had no room for the upload (when it started, or as a stream of unknown size grew). */
    public UploadStep.Close quotaExceeded(QuotaExceededException quota) {
        return close(UploadError.QUOTA_EXCEEDED.disconnect(quota.freeBytes(), quota.quotaBytes()));
    }

    /**
     * The application stops (undeploy, redeploy, server shutdown): the connection ends whatever it is doing, and
     * nothing that arrives after this counts. An upload stays resumable by the same chain from its durable offset.
     */
    public UploadStep.Close shutDown() {
        return close(UploadError.SHUTTING_DOWN.disconnect());
    }

    /** A newer connection took the project's upload over; this one's next message is refused. */
    public void supersede() {
        superseded = true;
    }

    /** The chain was destroyed, expired or finished by someone else; this connection's next data is refused. */
    public void finishElsewhere() {
        finishedElsewhere = true;
    }

    /** Whether this connection still uploads the chain: not superseded and not finished elsewhere. */
    public boolean ownsUpload() {
        return !superseded && !finishedElsewhere;
    }

    public Phase phase() {
        return phase;
    }

    /** Bytes of the upload received so far (the resumed offset included). */
    public long received() {
        return received;
    }

    /** The upload's size, null while unknown. */
    public Long totalSize() {
        return totalSize;
    }

    public boolean saveMedia() {
        return saveMedia;
    }

    public String projectId() {
        return projectId;
    }

    private UploadStep.Close close(Disconnect disconnect) {
        phase = Phase.CLOSED;
        return new UploadStep.Close(disconnect);
    }

    private void requirePhase(Phase... allowed) {
        for (Phase p : allowed) {
            if (phase == p) {
                return;
            }
        }
        throw new IllegalStateException("Not allowed in phase " + phase);
    }
}
