package io.wsingest.cluster;

/**
 * How an attempt to take work over under a lease turned out.
 *
 * @param <T> what the work is (an upload chain, a stream)
 */
public sealed interface LeaseClaim<T> {

    /** The lease is this node's now. */
    record Taken<T>(T work) implements LeaseClaim<T> {
    }

    /** A live connection on another node holds it, and has been asked to let go: try again shortly. */
    record HeldElsewhere<T>() implements LeaseClaim<T> {
    }

    /** The work is gone or cannot be taken as asked (finished, expired, not the caller's). */
    record Unavailable<T>() implements LeaseClaim<T> {
    }
}
