package io.wsingest.metrics;

import java.util.Set;

/**
 * Every metric of the application, with its Micrometer name, kind, unit and meaning. Prometheus sees the name with
 * underscores, its unit ({@code _bytes}, {@code _seconds}) and, for counters, {@code _total}: {@link #prometheusName()}.
 * {@code docs/metrics.md} documents each one (a test checks that none is missing there).
 */
public enum Meter {

    CONNECTIONS_OPEN("wsingest.connections.open", Kind.GAUGE, null, Scope.EVERY_PROTOCOL,
            "WebSocket connections open now"),
    CONNECTIONS_OPENED("wsingest.connections.opened", Kind.COUNTER, null, Scope.EVERY_PROTOCOL,
            "WebSocket connections opened since the application started"),
    RECEIVED_BYTES("wsingest.received", Kind.COUNTER, "bytes", Scope.EVERY_PROTOCOL,
            "Bytes received from clients"),
    SENT_BYTES("wsingest.sent", Kind.COUNTER, "bytes", Scope.EVERY_PROTOCOL,
            "Bytes sent to clients"),
    UPLOADS_STARTED("wsingest.uploads.started", Kind.COUNTER, null, Scope.UPLOAD_PROTOCOLS,
            "Uploads started"),
    UPLOADS_COMPLETED("wsingest.uploads.completed", Kind.COUNTER, null, Scope.UPLOAD_PROTOCOLS,
            "Uploads whose file was stored"),
    UPLOADS_FAILED("wsingest.uploads.failed", Kind.COUNTER, null, Scope.UPLOAD_PROTOCOLS,
            "Uploads that ended without a stored file and cannot be resumed"),
    UPLOADS_RESUMED("wsingest.uploads.resumed", Kind.COUNTER, null, Scope.UPLOAD_PROTOCOLS,
            "Interrupted uploads a connection took up again"),
    UPLOADS_NOT_DURABLE_BYTES("wsingest.uploads.not.durable", Kind.GAUGE, "bytes", Scope.RESUMABLE_PROTOCOLS,
            "Bytes of uploads in progress received but not yet durable (fsynced and recorded)"),
    LIVE_CHANNELS("wsingest.live.channels", Kind.GAUGE, null, Scope.NONE,
            "Live channels with a publisher or a receiver"),
    LIVE_RECEIVERS("wsingest.live.receivers", Kind.GAUGE, null, Scope.NONE,
            "Live receivers, probes and those waiting for a publisher included"),
    LIVE_RECEIVERS_CUT_OFF("wsingest.live.receivers.cut.off", Kind.COUNTER, null, Scope.NONE,
            "Live receivers disconnected for falling too far behind"),
    LIVE_CACHE_BYTES("wsingest.live.cache", Kind.GAUGE, "bytes", Scope.NONE,
            "Bytes held against the GOP cache budget: every channel's cache and unfinished chunks"),
    LIVE_CACHE_BUDGET_BYTES("wsingest.live.cache.budget", Kind.GAUGE, "bytes", Scope.NONE,
            "The GOP cache budget of this server"),
    OCR_JOBS_WAITING("wsingest.ocr.jobs.waiting", Kind.GAUGE, null, Scope.NONE,
            "OCR jobs waiting for a worker"),
    OCR_JOBS_RUNNING("wsingest.ocr.jobs.running", Kind.GAUGE, null, Scope.NONE,
            "OCR jobs running"),
    OCR_JOB_DURATION("wsingest.ocr.job.duration", Kind.TIMER, "seconds", Scope.NONE,
            "How long OCR jobs ran, from start to their end"),
    OCR_FIRST_LINE("wsingest.ocr.first.line", Kind.TIMER, "seconds", Scope.NONE,
            "How long OCR jobs took from their start to their first line of text"),
    EVENTS_PUBLISHED("wsingest.events.published", Kind.COUNTER, null, Scope.NONE,
            "Upload.* events handed to the broker by this server"),
    EVENTS_DELIVERED("wsingest.events.delivered", Kind.COUNTER, null, Scope.NONE,
            "Upload.* events queued for a protocol D socket of this server (one per socket)"),
    EVENTS_DROPPED("wsingest.events.dropped", Kind.COUNTER, null, Scope.NONE,
            "Upload.* events a protocol D socket of this server could not take (its queue was full)"),
    DISK_FREE_BYTES("wsingest.disk.free", Kind.GAUGE, "bytes", Scope.NONE,
            "Free disk space of the blob store's file system, as this process may use it"),
    DISK_RESERVE_BYTES("wsingest.disk.reserve", Kind.GAUGE, "bytes", Scope.NONE,
            "The free disk space the store keeps: uploads are refused below it");

    /** What a meter counts. */
    public enum Kind { COUNTER, GAUGE, TIMER }

    /** Which protocols a meter is tagged with. */
    public enum Scope {
        NONE(Set.of()),
        EVERY_PROTOCOL(Set.of(Protocol.values())),
        UPLOAD_PROTOCOLS(Set.of(Protocol.A, Protocol.B, Protocol.C, Protocol.D)),
        RESUMABLE_PROTOCOLS(Set.of(Protocol.A, Protocol.C));

        private final Set<Protocol> protocols;

        Scope(Set<Protocol> protocols) {
            this.protocols = protocols;
        }

        public Set<Protocol> protocols() {
            return protocols;
        }
    }

    /** The tag that names the protocol. */
    public static final String PROTOCOL_TAG = "protocol";

    private final String name;
    private final Kind kind;
    private final String baseUnit;
    private final Scope scope;
    private final String description;

    Meter(String name, Kind kind, String baseUnit, Scope scope, String description) {
        this.name = name;
        this.kind = kind;
        this.baseUnit = baseUnit;
        this.scope = scope;
        this.description = description;
    }

    /** The Micrometer name (dotted). */
    public String meterName() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code bytes}, {@code seconds}, or null. */
    public String baseUnit() {
        return baseUnit;
    }

    public Scope scope() {
        return scope;
    }

    public String description() {
        return description;
    }

    /**
     * The name Prometheus scrapes: {@code wsingest_received_bytes_total}. A timer's is the base of its
     * {@code _bucket}, {@code _count}, {@code _sum} and {@code _max} series.
     */
    public String prometheusName() {
        String base = name.replace('.', '_') + (baseUnit == null ? "" : "_" + baseUnit);
        return kind == Kind.COUNTER ? base + "_total" : base;
    }
}
