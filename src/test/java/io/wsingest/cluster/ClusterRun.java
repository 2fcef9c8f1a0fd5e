package io.wsingest.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.wsingest.auth.DevMode;

/**
 * {@code bin/cluster-run}: a PostgreSQL and two nodes on this machine, in development mode, set up exactly as for the
 * cluster's tests (the same prepared server, {@code postgres.sh} and {@link ClusterNodes}), until Ctrl-C. Its layout
 * comes from the {@code cluster-run} execution of the cluster profile.
 */
public final class ClusterRun {

    private ClusterRun() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("cluster.dir"));
        int portOffset = Integer.getInteger("cluster.port.offset");
        // The start-up probe signs its tokens with it.jwt.secret; a development server accepts the published secret.
        System.setProperty("it.jwt.secret", DevMode.SECRET);

        postgres("start", System.getProperty("cluster.postgres.archive"), System.getProperty("cluster.postgres.dir"),
                System.getProperty("cluster.postgres.port"), System.getProperty("cluster.postgres.password"));
        ClusterNodes cluster = ClusterNodes.prepare(dir, portOffset, List.of("-Xmx768m", "-Dwsingest.dev-mode=true"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.stop();
            try {
                postgres("stop", System.getProperty("cluster.postgres.dir"));
            } catch (IOException | InterruptedException e) {
                System.err.println("PostgreSQL did not stop: " + e);
            }
        }));
        System.out.println("Starting PostgreSQL and two WildFly nodes (about a minute)...");
        cluster.startStopped();

        for (ClusterNodes.ClusterNode node : cluster.nodes()) {
            System.out.println(node.name() + ": " + node.http().http("") + " (log: "
                    + node.server().log().resolveSibling("log/server.log") + ")");
        }
        System.out.println("PostgreSQL: jdbc:postgresql://127.0.0.1:" + System.getProperty("cluster.postgres.port")
                + "/wsingest, user wsingest, password " + System.getProperty("cluster.postgres.password"));
        System.out.println("Blob store shared by both: " + dir.resolve("store"));
        System.out.println("Development mode: tokens from bin/dev-token work on both nodes. Ctrl-C stops everything.");
        Thread.currentThread().join();
    }

    private static void postgres(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("cluster.postgres.script"));
        command.addAll(List.of(arguments));
        int status = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("postgres.sh " + arguments[0] + " failed with status " + status);
        }
    }
}
