package io.wsingest.metrics;

import java.util.Locale;

/** The five protocols, as the {@code protocol} tag of a metric names them. */
public enum Protocol {
    /** Resumable upload, {@code /ws/Upload}. */
    A("upload"),
    /** GalileoSend, {@code /ws/galileo}. */
    B("galileo"),
    /** Stream Requests, {@code /ws/stream}. */
    C("stream"),
    /** Upload API, {@code /ws/core/upload/}. */
    D("uploadapi"),
    /** Live streaming, {@code /{channel}/{key}/{kind}}. */
    E("live");

    private final String logName;

    Protocol(String logName) {
        this.logName = logName;
    }

    /** The tag's value: the letter in lower case. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How the server log names the protocol: its package's name. */
    public String logName() {
        return logName;
    }
}
