package io.wsingest.metrics;

import java.util.Locale;

/** The five protocols, as the {@code protocol} tag of a metric names them. */
public enum Protocol {
    /** Resumable upload, {@code /ws/Upload}. */
    A,
    /** GalileoSend, {@code /ws/galileo}. */
    B,
    /** Stream Requests, {@code /ws/stream}. */
    C,
    /** Upload API, {@code /ws/core/upload/}. */
    D,
    /** Live streaming, {@code /{channel}/{key}/{kind}}. */
    E;

    /** The tag's value: the letter in lower case. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
