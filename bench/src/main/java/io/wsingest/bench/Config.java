package io.wsingest.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The run's settings, from system properties (the pom passes them on from {@code -D}). {@code bench.quick} shrinks
 * every figure's work to a smoke run of about two minutes; its figures are not the ones to quote.
 */
record Config(String host, int port, boolean quick, Set<String> only, String secret, int idleConnections,
        long bitrate, int chunkBytes, Path dir, String profile, int secondPort) {

    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    static Config fromSystemProperties() {
        boolean quick = Boolean.parseBoolean(System.getProperty("bench.quick", "false"));
        return new Config(
                System.getProperty("bench.host", "localhost"),
                Integer.getInteger("bench.port", 8080),
                quick,
                Arrays.stream(System.getProperty("bench.only", "A,B,C,memory,D,E,idle").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).map(String::toLowerCase)
                        .collect(Collectors.toSet()),
                System.getProperty("bench.secret", "ws-ingest-development-secret-do-not-use-in-production"),
                quick ? Math.min(1000, Integer.getInteger("bench.idle.connections", 10_000))
                        : Integer.getInteger("bench.idle.connections", 10_000),
                Long.getLong("bench.e.bitrate", 4_000_000),
                Integer.getInteger("bench.e.chunk", 32 * 1024),
                Path.of(System.getProperty("bench.dir", "bench/target")),
                System.getProperty("bench.profile", ""),
                Integer.getInteger("bench.second-port", 0));
    }

    boolean runs(String section) {
        return only.contains(section.toLowerCase());
    }

    /** One client's file in the single-client throughput figure. */
    long singleFileBytes() {
        return quick ? 128 * MIB : GIB;
    }

    /** Each client's file in the 8-client figure (8 x 256 MiB: 8 x 1 GiB does not fit the 15 minutes here). */
    long concurrentFileBytes() {
        return quick ? 32 * MIB : 256 * MIB;
    }

    int concurrentClients() {
        return 8;
    }

    long memorySmallBytes() {
        return 100 * MIB;
    }

    long memoryLargeBytes() {
        return quick ? GIB : 4 * GIB;
    }

    /** Pages timed in the OCR figure (after one that warms the engine). */
    int ocrPages() {
        return quick ? 1 : 5;
    }

    /** Sockets of one user that receive the event fan-out figure's events. */
    int eventSubscribers() {
        return quick ? 50 : 200;
    }

    /** How long the event fan-out figure sends updates, each run. */
    int eventSeconds() {
        return quick ? 5 : 15;
    }

    /** The steady update rates of the event fan-out figure: each update is one event to every subscriber. */
    int[] eventUpdateRates() {
        return quick ? new int[] {50, 200} : new int[] {25, 50, 100, 200, 400};
    }

    /** How long the publisher publishes in each fan-out run. */
    int fanoutSeconds() {
        return quick ? 8 : 30;
    }

    int[] fanoutReceivers() {
        return quick ? new int[] {1, 100} : new int[] {1, 100, 500, 1000};
    }

    /** How long the idle connections are held: at least two server heartbeats (20 s apart). */
    int idleHoldSeconds() {
        return quick ? 25 : 45;
    }

    String ws(String pathAndQuery) {
        return "ws://" + host + ":" + port + pathAndQuery;
    }

    /** The same path on the second cluster node ({@code bench.second-port}). */
    String wsOnSecondNode(String pathAndQuery) {
        if (secondPort == 0) {
            throw new IllegalStateException("the cluster figures need bench.second-port, the second node's HTTP port");
        }
        return "ws://" + host + ":" + secondPort + pathAndQuery;
    }

    String http(String path) {
        return "http://" + host + ":" + port + path;
    }
}
