package io.wsingest.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import io.wsingest.testing.Json;
import io.wsingest.testing.KillableServer;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;
import io.wsingest.uploadapi.UploadApiClient;

/**
 * Two WildFly nodes on this machine that form one cluster: each a server directory of its own under {@code dir}
 * (copied from the server the build prepared with configure.cli, postgresql.cli and cluster.cli), the same
 * PostgreSQL (the prepared datasource), the same blob store ({@code dir/store}), JGroups over TCP on 127.0.0.1 with
 * each other as static members, node 1 at port offset {@code portOffset} and node 2 at 100 more, each at its own
 * {@code wsingest.cluster.node-url} for the other's live pulls.
 *
 * <p>The tests share one cluster per test JVM ({@link #running()}): booting it takes a minute. A test that kills a
 * node gets it back at the next {@link #running()}. Each node's console and log stay under {@code dir/node<n>/}.
 */
public final class ClusterNodes {

    /** Node 2's port offset above node 1's. */
    static final int NODE_SPACING = 100;
    /** The nodes' brokers authenticate each other with it; tests and development runs only. */
    static final String TEST_CLUSTER_PASSWORD = "wsingest-cluster-test";

    private static final Duration CLUSTER_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PROBE_WAIT = Duration.ofSeconds(2);
    private static ClusterNodes suite;

    private final List<ClusterNode> nodes;

    private ClusterNodes(List<ClusterNode> nodes) {
        this.nodes = nodes;
    }

    /**
     * The test suite's cluster, with both nodes running and events crossing between them; started at the first call,
     * and killed when the test JVM exits. Its layout comes from the failsafe configuration of the cluster profile.
     */
    public static synchronized ClusterNodes running() throws Exception {
        if (suite == null) {
            List<String> jvmArgs = Stream.of(System.getProperty("it.jvm.args"), System.getProperty("cluster.jvm.args"))
                    .flatMap(args -> Stream.of(args.trim().split("\\s+")))
                    .toList();
            suite = prepare(Path.of(System.getProperty("cluster.dir")), Integer.getInteger("cluster.port.offset"),
                    jvmArgs);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> suite.nodes.forEach(ClusterNode::close)));
        }
        suite.startStopped();
        return suite;
    }

    /** Two fresh node directories under {@code dir}; nothing runs yet. */
    static ClusterNodes prepare(Path dir, int portOffset, List<String> jvmArgs) throws IOException {
        int[] offsets = {portOffset, portOffset + NODE_SPACING};
        // TCPPING's static members: every node's JGroups TCP port (socket binding jgroups-tcp, 7600 + offset).
        String members = String.join(",", Stream.of(offsets[0], offsets[1])
                .map(offset -> "127.0.0.1[" + (7600 + offset) + "]").toList());
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            String name = "node" + (i + 1);
            List<String> nodeArgs = new ArrayList<>(jvmArgs);
            nodeArgs.addAll(List.of("-Djboss.node.name=" + name,
                    "-Dwsingest.cluster.members=" + members,
                    "-Dwsingest.cluster.password=" + TEST_CLUSTER_PASSWORD,
                    "-Dwsingest.cluster.node-url=ws://127.0.0.1:" + (8080 + offsets[i]),
                    "-Dwsingest.storage.dir=" + dir.resolve("store").toAbsolutePath()));
            nodes.add(new ClusterNode(name, KillableServer.prepareWildFly(dir.resolve(name), offsets[i], nodeArgs)));
        }
        return new ClusterNodes(nodes);
    }

    public ClusterNode node1() {
        return nodes.get(0);
    }

    public ClusterNode node2() {
        return nodes.get(1);
    }

    List<ClusterNode> nodes() {
        return nodes;
    }

    /**
     * Starts every node that is not running, all at once, waits until each answers {@code /health} with 200, then
     * until an event published on each node reaches a socket on every other.
     */
    void startStopped() throws Exception {
        List<ClusterNode> stopped = nodes.stream().filter(node -> !node.server().isRunning()).toList();
        if (stopped.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(stopped.stream()
                    .map(node -> CompletableFuture.runAsync(node::start))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        for (ClusterNode from : nodes) {
            for (ClusterNode to : nodes) {
                if (from != to) {
                    awaitEventsCross(from, to);
                }
            }
        }
    }

    /**
     * Waits until an {@code Upload.created} published on {@code from} reaches a socket of the same user on
     * {@code to}: the brokers' cluster bridge is up and {@code to}'s subscription is known on {@code from}. Until then
     * an event is not forwarded (it is not kept for a node that is not there), so the probe creates a new upload each
     * time it waits in vain.
     */
    private static void awaitEventsCross(ClusterNode from, ClusterNode to) throws Exception {
        String user = Unique.name("cluster-probe");
        Instant deadline = Instant.now().plus(CLUSTER_TIMEOUT);
        List<String> created = new ArrayList<>();
        try (UploadApiClient watcher = UploadApiClient.connect(to.http(), "ws/core/upload/", user)) {
            watcher.command("{\"type\":\"subscribe\"}", "subscribed");
            while (Instant.now().isBefore(deadline)) {
                try (UploadApiClient creator = UploadApiClient.connect(from.http(), "ws/core/upload/", user)) {
                    JsonObject reply = creator.create(TestImages.png(16, 16, System.nanoTime()));
                    created.add(reply.getJsonObject("instance").getString("id"));
                }
                if (awaitCreated(watcher, created)) {
                    return;
                }
            }
        }
        throw new IllegalStateException("No event published on " + from.name() + " reached " + to.name() + " within "
                + CLUSTER_TIMEOUT + "; see " + from.server().log() + " and " + to.server().log());
    }

    /** Whether the watcher hears of one of the uploads within the probe's wait (other events are skipped). */
    private static boolean awaitCreated(UploadApiClient watcher, List<String> ids) throws Exception {
        Instant until = Instant.now().plus(PROBE_WAIT);
        Duration left;
        while (!(left = Duration.between(Instant.now(), until)).isNegative()) {
            Object message = watcher.ws().poll(left);
            if (message instanceof String text) {
                JsonObject event = Json.object(text);
                if (event.getString("type").equals("Upload.created")
                        && ids.contains(event.getJsonObject("instance").getString("id"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Stops every node as an operator would (see {@link KillableServer#stop}). */
    void stop() {
        nodes.parallelStream().forEach(node -> node.server().stop(Duration.ofSeconds(30)));
    }

    /** One node: its name ({@code jboss.node.name}) and its server. */
    public record ClusterNode(String name, KillableServer server) implements AutoCloseable {

        /** Where its HTTP port is, for clients. */
        public TestServer http() {
            return server.server();
        }

        /** SIGKILL of the node's process tree, as a crash. */
        public void kill() {
            server.kill();
        }

        private void start() {
            try {
                server.start();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
