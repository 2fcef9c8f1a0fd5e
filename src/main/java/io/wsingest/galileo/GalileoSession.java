package io.wsingest.galileo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

import io.wsingest.logging.Incident;
import io.wsingest.storage.DisplayNames;
import io.wsingest.storage.QuotaExceededException;
import io.wsingest.storage.StorageFullException;

/**
 * The GalileoSend protocol for one connection, as plain Java: each message in, a {@link Step} out (the signals to
 * send and whether to close). The bytes go to {@link UploadStorage} through a {@link WriteBehind}: each chunk is
 * acknowledged as soon as it is received, while the writer appends the chunks before it, and at most
 * {@link GalileoSettings#writeBehindBytes()} of a file are held in memory. The close signal still waits until every
 * byte is written, checked and kept.
 *
 * <pre>
 *   AWAITING_METADATA --metadata--> RECEIVING --chunk--> RECEIVING        (each answered with ready)
 *                                   RECEIVING --empty chunk--> END_OF_FILE (answered with ready)
 *   RECEIVING or END_OF_FILE --finished, size and hash right--> STORED    (answered with close)
 *   any fatal error, a failed write too --> FAILED; STORED and FAILED ignore whatever still arrives
 * </pre>
 *
 * Not thread-safe: the endpoint calls it for one connection at a time, the writer's news included
 * ({@link #onWriterProgress()}).
 */
public final class GalileoSession {

    /** Where the exchange is. */
    public enum State {
        /** Waiting for {@code {name, size}}. */
        AWAITING_METADATA,
        /** Waiting for a chunk or {@code {finished: true}}. */
        RECEIVING,
        /** An empty chunk ended the file (the Perl sender's way): waiting for {@code {finished: true}}. */
        END_OF_FILE,
        /** The file is stored and the close signal sent. */
        STORED,
        /** The upload failed or the connection went away; the partial file is discarded. */
        FAILED
    }

    private static final int QUOTED_HASH_TYPE = 32;
    private static final int QUOTED_HASH_VALUE = 128;

    private final int chunkSize;
    private final long maxFileSize;
    private final long writeBehindBytes;
    private final UploadStorage storage;
    private final Executor writer;
    private final Runnable writerProgress;
    private final ServerSignal.Ready readySignal;
    /** The same for every chunk: one step for all of them. */
    private final Step ready;

    private State state = State.AWAITING_METADATA;
    private String fileName;
    private long size;
    private long received;
    private WriteBehind file;
    private String storedFileId;

    /**
     * @param writer         runs the file's writes, in order, one task at a time per connection
     * @param writerProgress called on the writer's thread when readies owed became due or a write failed; the owner
     *                       then calls {@link #onWriterProgress()} in turn with the messages. Must not block.
     */
    public GalileoSession(GalileoSettings settings, UploadStorage storage, Executor writer, Runnable writerProgress) {
        this.chunkSize = settings.chunkSize();
        this.maxFileSize = settings.maxFileSize();
        this.writeBehindBytes = settings.writeBehindBytes();
        this.storage = Objects.requireNonNull(storage, "storage");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.writerProgress = Objects.requireNonNull(writerProgress, "writerProgress");
        this.readySignal = new ServerSignal.Ready(chunkSize);
        this.ready = Step.reply(readySignal, 1);
    }

    /** The step for a connection refused before the exchange starts (authentication, project access). */
    public static Step refuse(GalileoError.Failure failure) {
        if (!failure.fatal()) {
            throw new IllegalArgumentException("A refusal ends the connection: " + failure.error());
        }
        return Step.failed(failure);
    }

    /** A TEXT message, decoded. */
    public Step onText(ClientSignal signal) {
        if (state == State.STORED || state == State.FAILED) {
            return Step.nothing();
        }
        if (signal instanceof ClientSignal.Metadata metadata) {
            return start(metadata);
        }
        if (signal instanceof ClientSignal.Finished finished) {
            return finish(finished);
        }
        return fail(((ClientSignal.Unreadable) signal).failure());
    }

    /** A BINARY message: the next chunk of the file. */
    public Step onBinary(ByteBuffer chunk) {
        return switch (state) {
            case STORED, FAILED -> Step.nothing();
            // "Client starts by connecting and sending file meta-data ... then waits for ready signal."
            case AWAITING_METADATA -> fail(GalileoError.DATA_BEFORE_METADATA.failure());
            case END_OF_FILE -> fail(GalileoError.DATA_AFTER_END.failure());
            case RECEIVING -> receive(chunk);
        };
    }

    /**
     * The writer made room for readies owed, or a write failed: the readies that may go out now, or the fatal error
     * that ends the upload (the readies sent before it promised nothing the failure breaks: the file is discarded
     * and the client sends it again).
     */
    public Step onWriterProgress() {
        if (!transferring()) {
            return Step.nothing();
        }
        Exception failure = file.failure();
        if (failure != null) {
            return fail(storageFailure(failure));
        }
        int due = file.takeDueReadies();
        return due == 0 ? Step.nothing() : Step.reply(readySignal, due);
    }

    /** Something failed in the endpoint while handling a message: the upload ends as a server error. */
    public Step onInternalError(Throwable cause) {
        if (state == State.STORED || state == State.FAILED) {
            return Step.nothing();
        }
        return fail(GalileoError.INTERNAL_ERROR.failure(Incident.next().ref()).withCause(cause));
    }

    /**
     * The server ends the exchange for a reason of its own (an expired token, an idle or a slow client): a file in
     * progress is discarded.
     */
    public Step end(GalileoError.Failure failure) {
        if (state == State.STORED || state == State.FAILED) {
            return Step.nothing();
        }
        return fail(failure);
    }

    /** Whether a file is arriving: metadata came and the file is neither stored nor failed. */
    public boolean transferring() {
        return state == State.RECEIVING || state == State.END_OF_FILE;
    }

    /**
     * The connection is gone: a file in progress is discarded. Safe to call more than once.
     *
     * @return whether a file in progress was discarded
     */
    public boolean abandon() {
        if (state == State.RECEIVING || state == State.END_OF_FILE) {
            discardFile();
            state = State.FAILED;
            return true;
        }
        if (state == State.AWAITING_METADATA) {
            state = State.FAILED;
        }
        return false;
    }

    public State state() {
        return state;
    }

    /** The sanitised display name, once metadata arrived. */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /** The size the client announced (0 before metadata). */
    public long announcedSize() {
        return size;
    }

    /** Bytes received so far (the last of them may still be on their way to the disk). */
    public long received() {
        return received;
    }

    /** The stored file's id, once {@link State#STORED}. */
    public Optional<String> storedFileId() {
        return Optional.ofNullable(storedFileId);
    }

    // "Client starts by connecting and sending file meta-data: { name : filename, size : size_in_bytes }"
    private Step start(ClientSignal.Metadata metadata) {
        if (state != State.AWAITING_METADATA) {
            return fail(GalileoError.METADATA_REPEATED.failure());
        }
        fileName = DisplayNames.of(metadata.name());
        size = metadata.size();
        if (size > maxFileSize) {
            return fail(GalileoError.FILE_TOO_LARGE.failure(size, maxFileSize));
        }
        try {
            file = new WriteBehind(storage.begin(size), writer, writeBehindBytes, chunkSize, writerProgress);
        } catch (IOException | RuntimeException e) {
            return fail(storageFailure(e));
        }
        state = State.RECEIVING;
        // "On receipt of file metadata and when ready for file chunks send ready signal."
        return ready;
    }

    // "On receipt of ready signal reply with chunk of file (on BINARY channel) ... then wait for ready signal."
    private Step receive(ByteBuffer chunk) {
        int length = chunk.remaining();
        if (length > chunkSize) {
            // "a chunksize key may be sent telling the client the maximum number of bytes the next chunk may be"
            return fail(GalileoError.CHUNK_TOO_LARGE.failure(length, chunkSize));
        }
        if (length == 0) {
            // The Perl sender answers the ready after its last chunk with an empty chunk, then sends finished.
            state = State.END_OF_FILE;
            return ready;
        }
        if (length > size - received) {
            return fail(GalileoError.DATA_PAST_SIZE.failure(size, received + length));
        }
        boolean readyNow;
        try {
            readyNow = file.accept(chunk);
        } catch (IOException | RuntimeException e) {
            return fail(storageFailure(e));
        }
        received += length;
        // "On reciept of file metadata and when ready for file chunks send ready signal": a chunk received is one
        // the server is ready to have sent, written or not; the close signal alone says the file is on disk.
        return readyNow ? ready : Step.nothing();
    }

    // "On receipt of finish signal, reply with either a standard error signal or the close signal."
    private Step finish(ClientSignal.Finished finished) {
        if (state == State.AWAITING_METADATA) {
            return fail(GalileoError.NOTHING_TO_FINISH.failure());
        }
        if (received != size) {
            return fail(GalileoError.SIZE_MISMATCH.failure(size, received));
        }
        UploadStorage.PartialFile written;
        try {
            written = file.drained();
        } catch (IOException | RuntimeException e) {
            return fail(storageFailure(e));
        }
        ClientSignal.ClaimedHash claimed = finished.hash();
        if (claimed != null) {
            Optional<HashType> type = HashType.fromWire(claimed.type());
            if (type.isEmpty()) {
                return fail(GalileoError.HASH_TYPE_UNSUPPORTED.failure(
                        GalileoError.quote(claimed.type(), QUOTED_HASH_TYPE)));
            }
            String actual;
            try {
                actual = written.digest(type.get());
            } catch (IOException | RuntimeException e) {
                return fail(storageFailure(e));
            }
            if (!actual.equalsIgnoreCase(claimed.value().strip())) {
                return fail(GalileoError.HASH_MISMATCH.failure(type.get().wireName(), actual,
                        GalileoError.quote(claimed.value(), QUOTED_HASH_VALUE)));
            }
        }
        try {
            storedFileId = written.keep(fileName);
        } catch (IOException | RuntimeException e) {
            return fail(storageFailure(e));
        }
        file = null;
        state = State.STORED;
        return Step.fileStored();
    }

    private Step fail(GalileoError.Failure failure) {
        if (failure.fatal()) {
            discardFile();
            state = State.FAILED;
        }
        return Step.failed(failure);
    }

    private void discardFile() {
        if (file != null) {
            file.abandon();
            file = null;
        }
    }

    private GalileoError.Failure storageFailure(Exception e) {
        if (e instanceof QuotaExceededException quota) {
            // The user's doing, not the server's: reported without a stack trace.
            return GalileoError.QUOTA_EXCEEDED.failure(size, quota.freeBytes(), quota.quotaBytes());
        }
        GalileoError.Failure failure = e instanceof StorageFullException ? GalileoError.STORAGE_FULL.failure()
                : GalileoError.STORAGE_FAILED.failure(Incident.next().ref());
        return failure.withCause(e);
    }
}
