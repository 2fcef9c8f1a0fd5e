package io.wsingest.live;

/** A connection the relay will not serve; it is told {@link #close()} and closed. */
public class LiveRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final LiveClose close;

    public LiveRefusal(LiveClose close, String detail) {
        this(close, detail, null);
    }

    /** A refusal caused by a failure, whose stack trace goes into the log. */
    public LiveRefusal(LiveClose close, String detail, Throwable cause) {
        super(close.reason() + (detail == null || detail.isEmpty() ? "" : ": " + detail), cause);
        this.close = close;
    }

    public LiveClose close() {
        return close;
    }
}
