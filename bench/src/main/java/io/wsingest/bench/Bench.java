package io.wsingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark harness: runs every figure of {@code docs/benchmarks.md} against a running server and prints one
 * table in which each figure stands beside a baseline measured in the same run. Start the server first, with
 * loopback exempt from the live relay's per-address limit (the fan-out and idle figures open thousands of
 * connections from 127.0.0.1) and no per-user connection limit (the event figure opens 200 sockets of one user):
 * {@code WSINGEST_LIVE_CONNECTION_LIMIT_EXEMPT=127.0.0.0/8 WSINGEST_WEBSOCKET_MAX_CONNECTIONS_PER_USER=0
 * mvn wildfly:run}; then
 * {@code mvn -q -f bench/pom.xml} (add {@code -Dbench.port=…} for a server on another port,
 * {@code -Dbench.quick=true} for a smoke run).
 */
public final class Bench {

    /** One line of the table. */
    record Row(String figure, String measured, String baseline, String ratio, String target) {
    }

    private final Config config;
    private final Tokens tokens;
    private final ServerApi api;
    private final String run = Long.toString(System.currentTimeMillis() / 1000 % 100_000_000L, 36);
    private final List<Row> rows = new ArrayList<>();
    private ServerProbe probe;

    private Bench(Config config) {
        this.config = config;
        this.tokens = new Tokens(config.secret());
        this.api = new ServerApi(config, tokens);
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.fromSystemProperties();
        Bench bench = new Bench(config);
        int status = 0;
        try {
            bench.runAll();
        } catch (Exception e) {
            System.err.println("The benchmark failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        bench.print();
        System.exit(status);
    }

    private void runAll() throws Exception {
        if (!api.healthy()) {
            throw new IOException("no healthy server at " + config.http("/health") + " (start it with mvn wildfly:run)");
        }
        probe = ServerProbe.listeningOn(config.port());
        log("server at " + config.http("/") + ", process " + (probe == null ? "not found (no memory figures)" : probe.pid)
                + ", run " + run + (config.quick() ? " (quick)" : "") + ", load average " + loadAverage());
        String user = "bench-" + run;
        if (config.runs("A") || config.runs("B") || config.runs("C")) {
            try {
                warmUp(user, "-warm-");
            } catch (IOException e) {
                // `mvn wildfly:run` answers /health with the deployment kept from its last run, then deploys the
                // fresh build over it: a harness started in between loses its first connections.
                log("the server is not ready yet (" + e.getMessage() + "); trying again in 20 s");
                ServerProbe.sleep(20_000);
                warmUp(user, "-warm2-");
            }
        }
        if (config.runs("A") || config.runs("B") || config.runs("C")) {
            CoreCosts.Result costs = CoreCosts.measure(config.quick() ? 128 * Config.MIB : 512 * Config.MIB);
            rows.add(new Row("context, one core: SHA-256 / Undertow unmask / 8-byte unmask (MB/s)",
                    f1(costs.sha256MBps()) + " / " + f1(costs.undertowUnmaskMBps()) + " / "
                            + f1(costs.wordUnmaskMBps()), "-", "", "per-byte costs of every uploaded byte"));
        }
        if (config.runs("A")) {
            int projects = config.concurrentClients() + 1;
            for (int i = 0; i < projects; i++) {
                api.project(user + "-a1-" + i, user);
                api.project(user + "-a8-" + i, user);
            }
            throughput("A", RawSink.Sync.EVERY_5_S, 32768,
                    Uploads.protocolA(config, tokens.user(user), user + "-a1-"),
                    Uploads.protocolA(config, tokens.user(user), user + "-a8-"));
        }
        if (config.runs("B")) {
            throughput("B", RawSink.Sync.AT_END, 262144, Uploads.protocolB(config, tokens.user(user)),
                    Uploads.protocolB(config, tokens.user(user)));
        }
        if (config.runs("C")) {
            throughput("C", RawSink.Sync.EVERY_8_MIB, 65536, Uploads.protocolC(config, user + "-c1", tokens),
                    Uploads.protocolC(config, user + "-c8", tokens));
        }
        if (config.runs("memory")) {
            memory(user);
        }
        if (config.runs("D")) {
            uploadApi();
        }
        if (config.runs("events")) {
            events(new UploadApiLoad(config, tokens));
        }
        if (config.runs("cluster")) {
            eventsAcrossNodes();
        }
        if (config.runs("E")) {
            fanout();
        }
        if (config.runs("cluster-e")) {
            fanoutAcrossNodes();
        }
        if (config.runs("idle")) {
            idle();
        }
        log("done, load average " + loadAverage());
    }

    /** Each protocol's code paths once, so the JIT has compiled them before anything is timed. */
    private void warmUp(String user, String name) throws IOException {
        long size = config.quick() ? 16 * Config.MIB : 64 * Config.MIB;
        log("warming up: " + size / Config.MIB + " MiB per protocol");
        api.project(user + name + "0", user);
        Uploads.protocolA(config, tokens.user(user), user + name).upload(0, size);
        Uploads.protocolB(config, tokens.user(user)).upload(0, size);
        Uploads.protocolC(config, user + name, tokens).upload(0, size);
        try (RawSink sink = new RawSink(config.dir().resolve("baseline"), RawSink.Sync.AT_END, 65536)) {
            Uploads.throughput(sink.client(65536), 1, size);
        }
    }

    private void throughput(String protocol, RawSink.Sync sync, int messageBytes, Uploads.Client single,
            Uploads.Client concurrent) throws Exception {
        long one = config.singleFileBytes();
        long each = config.concurrentFileBytes();
        int n = config.concurrentClients();
        try (RawSink sink = new RawSink(config.dir().resolve("baseline"), sync, messageBytes)) {
            log(protocol + ": 1 client, " + human(one));
            Uploads.Throughput raw1 = Uploads.measure(sink.client(messageBytes), 1, one, null);
            boolean profiling = startProfile(protocol);
            Uploads.Throughput ws1 = Uploads.measure(single, 1, one, probe);
            if (profiling) {
                probe.jcmd("JFR.stop", "name=bench");
            }
            rows.add(new Row(protocol + " upload, 1 client, " + human(one) + " (MB/s)", f1(ws1.mbps()),
                    f1(raw1.mbps()), pct(ws1.mbps() / raw1.mbps()), ">= 50% of raw"));
            log(protocol + ": " + n + " clients, " + n + " x " + human(each));
            Uploads.Throughput raw8 = Uploads.measure(sink.client(messageBytes), n, each, null);
            Uploads.Throughput ws8 = Uploads.measure(concurrent, n, each, probe);
            rows.add(new Row(protocol + " upload, " + n + " clients, " + n + " x " + human(each) + " (MB/s)",
                    f1(ws8.mbps()), f1(raw8.mbps()), pct(ws8.mbps() / raw8.mbps()), ""));
            rows.add(new Row(protocol + " CPU s per GiB, 1 / " + n + " clients: server + client (raw: its process)",
                    f1(ws1.serverCpuPerGib()) + " + " + f1(ws1.clientCpuPerGib()) + " / "
                            + f1(ws8.serverCpuPerGib()) + " + " + f1(ws8.clientCpuPerGib()),
                    f1(raw1.clientCpuPerGib()) + " / " + f1(raw8.clientCpuPerGib()), "", "where the time goes"));
            StringBuilder groups = new StringBuilder();
            for (int i = 0; i < ServerProbe.THREAD_GROUPS.size(); i++) {
                groups.append(i == 0 ? "" : ", ").append(ServerProbe.THREAD_GROUPS.get(i)).append(' ')
                        .append(f1(ws1.serverCpuPerGibByGroup()[i]));
            }
            rows.add(new Row(protocol + " 1 client: server CPU s per GiB by thread", groups.toString(), "-", "", ""));
        }
    }

    /** With {@code -Dbench.profile=<section>}: records the server with JFR during that section's main figure. */
    private boolean startProfile(String section) throws IOException {
        if (!config.profile().equalsIgnoreCase(section) || probe == null) {
            return false;
        }
        Path jfr = config.dir().toAbsolutePath().resolve("profile-" + section + "-" + run + ".jfr");
        probe.jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + jfr);
        log("recording the server with JFR into " + jfr);
        return true;
    }

    private void memory(String user) throws Exception {
        if (probe == null) {
            rows.add(new Row("memory: server process not found", "-", "-", "-", ""));
            return;
        }
        memory("A", index -> {
            api.project(user + "-mem-" + index, user);
            return Uploads.protocolA(config, tokens.user(user), user + "-mem-");
        });
        // B holds up to wsingest.galileo.write-behind-bytes of a file between receiving and writing it.
        memory("B", index -> Uploads.protocolB(config, tokens.user(user)));
    }

    /** The client of one memory figure's upload {@code index} (0: the small one, 1: the large one). */
    private interface MemoryClient {
        Uploads.Client make(int index) throws IOException;
    }

    private void memory(String protocol, MemoryClient clients) throws Exception {
        long[] sizes = {config.memorySmallBytes(), config.memoryLargeBytes()};
        long[][] figures = new long[2][];
        for (int i = 0; i < 2; i++) {
            Uploads.Client client = clients.make(i);
            log("memory: protocol " + protocol + " upload of " + human(sizes[i]));
            long heapBefore = probe.heapAfterGc();
            long peakHeap;
            long peakOld;
            long peakRss;
            try (ServerProbe.Sampler sampler = probe.sample()) {
                client.upload(i, sizes[i]);
                ServerProbe.sleep(500);
                peakHeap = sampler.peakHeap;
                peakOld = sampler.peakOld;
                peakRss = sampler.peakRss;
            }
            long heapAfter = probe.heapAfterGc();
            figures[i] = new long[] {peakHeap, peakOld, peakRss, heapAfter - heapBefore};
        }
        String small = human(sizes[0]);
        String large = human(sizes[1]);
        String[] names = {"peak heap in use", "peak old generation", "peak RSS", "heap after GC, growth"};
        for (int k = 0; k < names.length; k++) {
            String figure = "memory, " + protocol + " upload of " + large + " vs " + small + ": " + names[k];
            rows.add(new Row(figure + " (MiB)",
                    f1(figures[1][k] / (double) Config.MIB), f1(figures[0][k] / (double) Config.MIB),
                    k == 3 ? "" : pct((double) figures[1][k] / figures[0][k]), k == 2 ? "about 100%" : ""));
        }
    }

    private void uploadApi() throws Exception {
        UploadApiLoad load = new UploadApiLoad(config, tokens);
        int pages = config.ocrPages();
        log("D: OCR of one A4 page to warm the engine, then " + pages + " pages timed, scanned and as PDF");
        load.ocr("bench-" + run + "-ocr-warm", run + "-warm", 1, UploadApiLoad.SCAN);
        ocrRows("A4 page at 300 dpi", load.ocr("bench-" + run + "-ocr", run, pages, UploadApiLoad.SCAN));
        ocrRows("A4 PDF, typeset", load.ocr("bench-" + run + "-ocr-pdf", run + "-pdf", pages, UploadApiLoad.PDF));

        events(load);
    }

    /**
     * Protocol D's event fan-out at each rate, then how long a socket takes to catch up on 1,000 missed events. Also
     * a section of its own ({@code events}), for comparing servers that differ in the event path only.
     */
    private void events(UploadApiLoad load) throws Exception {
        int subscribers = config.eventSubscribers();
        int seconds = config.eventSeconds();
        int publishers = 4;
        int[] rates = config.eventUpdateRates();
        for (int rate : rates) {
            log("D: events, " + rate + " updates/s from " + publishers + " sockets to " + subscribers
                    + " sockets of the same user, " + seconds + " s");
            boolean profiling = rate == rates[rates.length - 1] && startProfile("D");
            UploadApiLoad.EventsResult r = load.events("bench-" + run + "-ev" + rate, subscribers, publishers, rate,
                    seconds, false);
            if (profiling) {
                probe.jcmd("JFR.stop", "name=bench");
            }
            rows.add(new Row("D events, " + rate + " updates/s to " + subscribers + " sockets: delivered per s; "
                    + "latency p50 / p99 (ms)", f1(r.eventsPerSecond()) + "; " + f1(r.p50()) + " / " + f1(r.p99()),
                    f1(r.offeredEventsPerSecond()) + " offered", pct(r.eventsPerSecond() / r.offeredEventsPerSecond()),
                    "lost " + r.lost() + ", max " + f1(r.max()) + " ms"));
        }
        int missed = 1000;
        int runs = config.quick() ? 3 : 5;
        log("D: replay of " + missed + " missed events, " + runs + " times");
        double[] millis = new double[runs];
        int replayed = 0;
        for (int i = 0; i < runs; i++) {
            UploadApiLoad.ReplayResult r = load.replay("bench-" + run + "-replay" + i, missed);
            millis[i] = r.millis();
            replayed = r.recovered() ? r.events() : -1;
        }
        rows.add(new Row("D replay of " + missed + " missed events: subscribe with since to its reply (ms), median of "
                + runs, f1(UploadApiLoad.median(millis)), "-", "",
                replayed < 0 ? "not recovered (history off)" : replayed + " events replayed"));
    }

    /**
     * Protocol D's events on a cluster: the same load, its subscribers on the second node and then on the publishers'
     * node, at each rate, so that each cross-node figure stands beside its one-node baseline of the same run.
     */
    private void eventsAcrossNodes() throws Exception {
        UploadApiLoad load = new UploadApiLoad(config, tokens);
        int subscribers = config.eventSubscribers();
        int seconds = config.eventSeconds();
        int publishers = 4;
        for (int rate : config.eventUpdateRates()) {
            log("cluster: events, " + rate + " updates/s from " + publishers + " sockets on port " + config.port()
                    + " to " + subscribers + " sockets on port " + config.secondPort() + ", then on the same node");
            UploadApiLoad.EventsResult across = load.events("bench-" + run + "-xn" + rate, subscribers, publishers,
                    rate, seconds, true);
            UploadApiLoad.EventsResult within = load.events("bench-" + run + "-wn" + rate, subscribers, publishers,
                    rate, seconds, false);
            rows.add(new Row("D events across nodes, " + rate + " updates/s to " + subscribers + " sockets on the"
                    + " other node: delivered per s; latency p50 / p99 (ms)", eventFigure(across),
                    eventFigure(within) + " (same node)", pct(across.eventsPerSecond() / within.eventsPerSecond()),
                    "lost " + across.lost() + " (same node " + within.lost() + "), max " + f1(across.max()) + " ms"));
        }
    }

    private static String eventFigure(UploadApiLoad.EventsResult r) {
        return f1(r.eventsPerSecond()) + "; " + f1(r.p50()) + " / " + f1(r.p99());
    }

    private void ocrRows(String document, List<UploadApiLoad.OcrTimes> times) {
        double created = median(times, UploadApiLoad.OcrTimes::created);
        double started = median(times, UploadApiLoad.OcrTimes::started);
        double first = median(times, UploadApiLoad.OcrTimes::firstText);
        double processed = median(times, UploadApiLoad.OcrTimes::processed);
        double jobFirst = median(times, t -> t.firstText() - t.started());
        double jobTotal = median(times, t -> t.processed() - t.started());
        rows.add(new Row("D OCR, " + document + ", median of " + times.size() + ": create to reply / first text / "
                + "processed (ms)", f1(created) + " / " + f1(first) + " / " + f1(processed), "-",
                pct(first / processed) + " (first / processed)", "first text < 30% of total"));
        rows.add(new Row("D OCR, " + document + ", from the job's start: first text / processed (ms)", f1(jobFirst)
                + " / " + f1(jobTotal), f1(started) + " (create to start)", pct(jobFirst / jobTotal), "< 30%"));
        rows.add(new Row("D OCR, " + document + ": processing events per page, characters read (of "
                + UploadApiLoad.pageChars() + ")", f1(median(times, t -> t.processingEvents())) + ", "
                + f1(median(times, t -> t.recognisedChars())), "-", "", "events throttled to one per 200 ms"));
    }

    private static double median(List<UploadApiLoad.OcrTimes> times,
            ToDoubleFunction<UploadApiLoad.OcrTimes> figure) {
        return UploadApiLoad.median(times.stream().mapToDouble(figure).toArray());
    }

    private void fanout() throws Exception {
        Fanout fanout = new Fanout(config);
        int seconds = config.fanoutSeconds();
        String rate = f1(config.bitrate() / 1e6) + " Mbit/s in " + config.chunkBytes() / 1024 + " KiB chunks";
        int largest = 0;
        Fanout.Result without = null;
        for (int receivers : config.fanoutReceivers()) {
            log("E: " + receivers + " receivers, " + rate + ", " + seconds + " s (raw relay first)");
            Fanout.Result raw = fanout.raw(receivers, seconds);
            int[] counts = config.fanoutReceivers();
            boolean profiling = receivers == counts[counts.length - 1] && startProfile("E");
            Fanout.Result ws = fanout.relay(api, "bench-" + run + "-" + receivers, receivers, false, seconds);
            if (profiling) {
                probe.jcmd("JFR.stop", "name=bench");
            }
            fanoutRows(ws, raw, receivers >= 1000 ? "p99 < 100 ms" : "");
            largest = receivers;
            without = ws;
        }
        log("E: " + largest + " receivers and one stalled receiver, " + seconds + " s");
        Fanout.Result stalled = fanout.relay(api, "bench-" + run + "-stalled", largest, true, seconds);
        rows.add(new Row("E " + largest + " receivers + 1 stalled: others' p99 (ms)", f1(stalled.p99()),
                f1(without.p99()) + " (no stall)", pct(stalled.p99() / without.p99()), "<= 120%"));
        rows.add(new Row("E " + largest + " receivers + 1 stalled: delivered (MB/s), lost chunks",
                f1(stalled.deliveredMBps()) + ", " + stalled.lost(), f1(without.deliveredMBps()) + ", " + without.lost(),
                pct(stalled.deliveredMBps() / without.deliveredMBps()), stalled.note()));
    }

    /**
     * Protocol E on a cluster: the publisher on the first node, half the receivers on the second (an edge, which pulls
     * the stream once), then all of them on the publisher's node, in the same run.
     */
    private void fanoutAcrossNodes() throws Exception {
        Fanout fanout = new Fanout(config);
        int seconds = config.fanoutSeconds();
        int[] counts = config.fanoutReceivers();
        int receivers = counts[counts.length - 1];
        String rate = f1(config.bitrate() / 1e6) + " Mbit/s";
        log("cluster-e: " + receivers + " receivers split between ports " + config.port() + " and "
                + config.secondPort() + ", then all on " + config.port() + ", " + rate + ", " + seconds + " s");
        Fanout.Result across = fanout.relay(api, "bench-" + run + "-xe", receivers, false, seconds, true);
        Fanout.Result within = fanout.relay(api, "bench-" + run + "-we", receivers, false, seconds, false);
        String name = "E " + receivers + " receivers at " + rate + ", half on the edge node";
        rows.add(new Row(name + ": delivered of offered " + f1(across.offeredMBps()) + " MB/s, lost chunks",
                f1(across.deliveredMBps()) + ", " + across.lost(),
                f1(within.deliveredMBps()) + ", " + within.lost() + " (all on one node)",
                pct(across.deliveredMBps() / within.deliveredMBps()), across.note()));
        rows.add(new Row(name + ": latency p50 / p99 / max (ms)", f1(across.p50()) + " / " + f1(across.p99()) + " / "
                + f1(across.max()), f1(within.p50()) + " / " + f1(within.p99()) + " / " + f1(within.max())
                + " (all on one node)", pct(across.p99() / within.p99()) + " (p99)", ""));
    }

    private void fanoutRows(Fanout.Result ws, Fanout.Result raw, String target) {
        String name = "E " + ws.receivers() + " receiver" + (ws.receivers() == 1 ? "" : "s");
        rows.add(new Row(name + ": delivered of offered " + f1(ws.offeredMBps()) + " MB/s", f1(ws.deliveredMBps()),
                f1(raw.deliveredMBps()), pct(ws.deliveredMBps() / raw.deliveredMBps()),
                "lost " + ws.lost() + (ws.cutOff() > 0 ? ", cut off " + ws.cutOff() : "")
                        + (ws.note().isEmpty() ? "" : "; " + ws.note())));
        rows.add(new Row(name + ": latency p50 / p99 / max (ms)", f1(ws.p50()) + " / " + f1(ws.p99()) + " / "
                + f1(ws.max()), f1(raw.p50()) + " / " + f1(raw.p99()) + " / " + f1(raw.max()),
                pct(ws.p99() / raw.p99()) + " (p99)", target));
    }

    private void idle() throws Exception {
        if (probe == null) {
            rows.add(new Row("idle: server process not found", "-", "-", "-", ""));
            return;
        }
        int n = config.idleConnections();
        log("idle: " + n + " E receivers, held " + config.idleHoldSeconds() + " s");
        IdleCapacity.Result r = IdleCapacity.run(config, probe, "bench-" + run + "-idle", n, config.idleHoldSeconds());
        rows.add(new Row("idle E receivers held (opened in " + f1(r.openSeconds()) + " s)",
                r.openAtEnd() + " of " + r.attempted(), "-", pct((double) r.openAtEnd() / r.attempted()),
                ">= 10,000"));
        rows.add(new Row("idle: server heartbeats per connection", f1(r.heartbeatsPerConnection()), "-", "-",
                ">= 2 (20 s period)"));
        rows.add(new Row("idle: server heap after GC (MiB)", f1(r.heapAfter() / (double) Config.MIB),
                f1(r.heapBefore() / (double) Config.MIB) + " (none open)",
                f1(r.heapPerConnection() / 1024) + " KiB/connection", ""));
        rows.add(new Row("idle: server RSS (MiB)", f1(r.rssAfter() / (double) Config.MIB),
                f1(r.rssBefore() / (double) Config.MIB) + " (none open)",
                f1((r.rssAfter() - r.rssBefore()) / 1024.0 / Math.max(1, r.openAtEnd())) + " KiB/connection", ""));
        rows.add(new Row("idle: server threads", Integer.toString(r.threadsAfter()),
                r.threadsBefore() + " (none open)", "", "no thread per connection"));
    }

    private void print() {
        StringBuilder out = new StringBuilder();
        out.append("\nws-ingest benchmark, run ").append(run).append(", ")
                .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
                .append(config.quick() ? " (quick: smoke figures only)" : "").append('\n');
        out.append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ")
                .append(System.getProperty("java.version")).append(", load average at the end ").append(loadAverage())
                .append("\n\n");
        out.append("| figure | ws-ingest | baseline (same run) | ratio | target / note |\n");
        out.append("|---|---:|---:|---:|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.figure()).append(" | ").append(row.measured()).append(" | ")
                    .append(row.baseline()).append(" | ").append(row.ratio()).append(" | ").append(row.target())
                    .append(" |\n");
        }
        System.out.println(out);
        try {
            Files.createDirectories(config.dir());
            Path file = config.dir().resolve("results-" + run + ".md");
            Files.writeString(file, out);
            System.out.println("(also written to " + file + ")");
        } catch (IOException e) {
            System.err.println("could not write the results file: " + e);
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void log(String message) {
        System.out.println("[" + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME).substring(0, 8) + "] "
                + message);
        System.out.flush();
    }

    static String human(long bytes) {
        return bytes >= Config.GIB && bytes % Config.GIB == 0 ? bytes / Config.GIB + " GiB"
                : bytes / Config.MIB + " MiB";
    }

    static String f1(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    static String pct(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "-"
                : String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }
}
