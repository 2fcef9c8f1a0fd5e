package io.wsingest.streamreq;

/**
 * The server's answer to a stream offer, from the numbers alone: the offer, the bytes of the stream the server
 * already holds (0 for a new stream, more on resume), the configured limits and the room left. The caller has
 * already checked that the route takes streams and that the headers parse.
 *
 * <p>Protocol rule: "If server can handle whole amount, then it sends {@code x-stream: 0} back. Otherwise it sends
 * {@code x-stream: n} where 'n' is amount of bytes that server is able to receive. If server [...] can't handle
 * that stream it sends {@code x-stream: -1}." Here {@code n:buffer} accepts the stream in part: the server takes
 * its first {@code n} bytes, all the user's quota and the disk have room for now, and then pauses it; the stream is
 * resumed later for the rest. When there is no room at all, {@code n} would be 0, which reads as "accepted": the
 * answer is {@code -1} instead. A total over the server's own limit is refused: no later room would take it whole.
 */
public final class Negotiation {

    /**
     * The configured limits.
     *
     * @param maxBuffer the largest binary message the server lets a client use
     * @param maxTotal  the largest stream the server takes at all
     */
    public record Limits(int maxBuffer, long maxTotal) {
    }

    /**
     * The room left for the stream.
     *
     * @param quotaFree bytes the user may still reserve: quota minus stored files minus the user's other open streams
     * @param diskFree  bytes the disk can still take above the configured reserve
     */
    public record Room(long quotaFree, long diskFree) {
    }

    /** The answer. */
    public sealed interface Decision permits Accept, Partial, Refuse {
    }

    /** Take the whole stream, in binary messages of at most {@code buffer} bytes: {@code x-stream: 0:buffer}. */
    public record Accept(int buffer) implements Decision {
    }

    /**
     * Take the stream's first {@code limit} bytes (counted from its start, what is held included), all there is room
     * for, then pause it: {@code x-stream: limit:buffer}; {@code reason} says what lacks room.
     */
    public record Partial(long limit, int buffer, String reason) implements Decision {
    }

    /** Refused outright: {@code x-stream: -1}. */
    public record Refuse(Status status, String reason) implements Decision {
    }

    private Negotiation() {
    }

    public static Decision decide(XStream.Offer offer, long held, Limits limits, Room room) {
        if (held < 0 || held > offer.total()) {
            throw new IllegalArgumentException("held must be between 0 and the total: " + held);
        }
        if (offer.total() > limits.maxTotal()) {
            return new Refuse(Status.STREAM_REFUSED, "the stream's total of " + offer.total()
                    + " bytes is over the server's limit of " + limits.maxTotal());
        }
        int buffer = Math.min(offer.buffer(), limits.maxBuffer());
        // The quota counts the whole stream; the disk only has to take what has not arrived yet.
        long byDisk = saturatedAdd(held, Math.max(0, room.diskFree()));
        long canHold = Math.max(0, Math.min(room.quotaFree(), byDisk));
        if (offer.total() <= canHold) {
            return new Accept(buffer);
        }
        String reason = room.quotaFree() <= byDisk
                ? "the user's storage quota has room for " + canHold + " bytes"
                : "the server's disk has room for " + canHold + " bytes";
        if (canHold <= held) {
            return new Refuse(Status.STORAGE_EXHAUSTED, reason);
        }
        return new Partial(canHold, buffer, reason);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
