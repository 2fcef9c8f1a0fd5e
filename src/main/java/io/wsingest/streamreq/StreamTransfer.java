package io.wsingest.streamreq;

/**
 * The byte count of one accepted stream as binary messages arrive, possibly in parts: it says whether each part may
 * be written, when to make the written bytes durable, and when the stream is complete or pauses. It does no I/O.
 *
 * <p>Protocol rules: "it sends {@code x-stream: n} where 'n' is amount of bytes that server is able to receive" (the
 * server takes the stream's first {@code limit} bytes, then pauses it), "The client should try to send data in
 * portion of buffer size that the server has specified" (a larger message pauses the stream where that message
 * began), and "After all data has been transferred, the server sends final packet" ({@code total} bytes, no more).
 *
 * <pre>
 * RECEIVING --part within the buffer and the limit----> RECEIVING   (Write; checkpoint every checkpointBytes)
 * RECEIVING --last part of a message reaching total---> RECEIVED    (Write, then complete the stream)
 * RECEIVING --message reaching or crossing limit------> PAUSED      (Pause: take the bytes up to the limit)
 * RECEIVING --message larger than the buffer----------> PAUSED      (Pause: keep the bytes before that message)
 * RECEIVING --more bytes than the total---------------> FAILED      (Reject, STREAM_DATA_ERROR)
 * RECEIVING --fail(): writing or storing failed-------> FAILED
 * </pre>
 *
 * A stream with nothing left to receive (total 0, or resumed with every byte held) starts in RECEIVED. Checkpoints
 * and completion happen only at the end of a message, so a resumed client always restarts on a message boundary
 * of its own choosing; a pause at the limit may cut a message, and the resume's offset says where.
 */
public final class StreamTransfer {

    public enum State { RECEIVING, RECEIVED, PAUSED, FAILED }

    /** What to do with a part of a binary message. */
    public sealed interface Step permits Write, Pause, Reject {
    }

    /**
     * Write the part to the spool file; then, if {@code checkpoint}, make the bytes held durable and call
     * {@link #checkpointed()}; if {@code complete}, every byte has arrived.
     */
    public record Write(boolean checkpoint, boolean complete) implements Step {
    }

    /**
     * Write only the first {@code take} bytes of the part, then pause the stream holding its first {@code keep}
     * bytes (what was written beyond them is dropped): make those durable, and tell the client why with
     * {@code status}. The stream stays resumable from {@code keep}; {@code missing} bytes of it have not arrived.
     */
    public record Pause(int take, long keep, long missing, Status status, String reason) implements Step {
    }

    /** Do not write the part: the stream has failed. {@code missing} bytes of it never arrived. */
    public record Reject(Status status, String reason, long missing) implements Step {
    }

    private final long total;
    private final long limit;
    private final int buffer;
    private final long checkpointBytes;

    private State state;
    // Volatile: the figure of bytes not yet durable reads them from another thread.
    private volatile long held;
    private volatile long durable;
    private long inMessage;

    /**
     * @param limit           the bytes of the stream the server takes now: {@code total}, or less when it accepted
     *                        only part of the stream ({@code x-stream: limit:buffer})
     * @param held            bytes already held (and durable): 0 for a new stream, the offset for a resumed one
     * @param checkpointBytes make the bytes durable each time this many more have arrived
     */
    public StreamTransfer(long total, long limit, int buffer, long held, long checkpointBytes) {
        if (total < 0 || limit > total || buffer < 1 || held < 0 || held > limit || checkpointBytes < 1
                || (held == limit && limit < total)) {
            throw new IllegalArgumentException("Invalid stream: total " + total + ", limit " + limit + ", buffer "
                    + buffer + ", held " + held + ", checkpoint every " + checkpointBytes);
        }
        this.total = total;
        this.limit = limit;
        this.buffer = buffer;
        this.checkpointBytes = checkpointBytes;
        this.held = held;
        this.durable = held;
        this.state = held == total ? State.RECEIVED : State.RECEIVING;
    }

    /**
     * A part of {@code bytes} bytes of a binary message has arrived; {@code last} ends the message.
     *
     * @throws IllegalStateException if the stream is not receiving
     */
    public Step onPart(int bytes, boolean last) {
        if (state != State.RECEIVING) {
            throw new IllegalStateException("The stream is " + state + ", not receiving");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("A part cannot have " + bytes + " bytes");
        }
        if (inMessage + bytes > buffer) {
            // The message's earlier parts were written: the stream keeps what came before the message.
            return pause(0, held - inMessage, Status.STREAM_DATA_ERROR, "a binary message was larger than the agreed"
                    + " buffer of " + buffer + " bytes; the stream holds the bytes before it");
        }
        if (limit < total && (bytes > limit - held || (last && held + bytes == limit))) {
            return pause((int) Math.min(bytes, limit - held), limit, Status.STORAGE_EXHAUSTED, "the server took the "
                    + limit + " bytes it could hold of the stream's " + total + "; resume it when there is room");
        }
        if (bytes > total - held) {
            state = State.FAILED;
            return new Reject(Status.STREAM_DATA_ERROR,
                    "more bytes arrived than the stream's total of " + total, missing());
        }
        held += bytes;
        if (!last) {
            inMessage += bytes;
            return new Write(false, false);
        }
        inMessage = 0;
        if (held == total) {
            state = State.RECEIVED;
            return new Write(false, true);
        }
        return new Write(held - durable >= checkpointBytes, false);
    }

    private Pause pause(int take, long keep, Status status, String reason) {
        state = State.PAUSED;
        held = keep;
        inMessage = 0;
        return new Pause(take, keep, total - keep, status, reason);
    }

    /** The bytes held so far are durable (the spool file was forced and the offset recorded). */
    public void checkpointed() {
        durable = held;
    }

    /** Writing, checking or storing failed: the stream ends. */
    public void fail() {
        state = State.FAILED;
    }

    public State state() {
        return state;
    }

    public long total() {
        return total;
    }

    public int buffer() {
        return buffer;
    }

    /** The bytes of the stream the server takes now: the total, or less for a stream accepted in part. */
    public long limit() {
        return limit;
    }

    /** Bytes received and written so far. */
    public long held() {
        return held;
    }

    /** Bytes held at the last checkpoint. */
    public long durable() {
        return durable;
    }

    /** Bytes of the stream not received: the {@code missing} of the final packet's {@code x-stream: missing:0}. */
    public long missing() {
        return total - held;
    }
}
