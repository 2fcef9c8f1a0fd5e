package io.wsingest.live;

/** A connection the relay will not serve; it is told {@link #close()} and closed. */
public class LiveRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final LiveClose close;

    public LiveRefusal(LiveClose close, String detail) {
        super(close.reason() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.close = close;
    }

    public LiveClose close() {
        return close;
    }
}
