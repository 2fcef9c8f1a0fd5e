package io.wsingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server of the test's own that the test can kill as a crash would: SIGKILL, so no shutdown hook, no flush and no
 * close frame. The Arquillian server cannot be used for this (its container would only stop it gracefully), so this
 * one runs beside it from the same installation, on the server the suite runs on ({@code arquillian.launch}): a
 * WildFly server directory or a Payara domain of its own, prepared as the suite's server is, with its own data
 * (database, blob store, broker), the application deployed, and ports offset by 300 from the suite's. The nodes of
 * the cluster's tests are killable servers too ({@link #prepareWildFly}), sharing a database and a store.
 */
public final class KillableServer implements AutoCloseable {

    private static final int PORT_OFFSET = Integer.getInteger("it.port.offset", 0) + 300;
    /**
     * A deadline, not a wait: at a load average of 40 on two cores Payara took 140 to 212 s to deploy the WAR. Six
     * minutes, or {@code -Dit.start-timeout-seconds}.
     */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("it.start-timeout-seconds", 360));
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What differs between the application servers: how the prepared server is started, and where it logs. */
    interface Launcher {

        /**
         * Starts the server, waiting at most {@code timeout} where starting it is a command that returns once the
         * server runs, and returns the process to kill it by: the server's JVM, or a process the JVM descends from.
         * The application need not answer yet.
         */
        ProcessHandle launch(Duration timeout) throws IOException, InterruptedException;

        /**
         * Shuts the server down gracefully with its own administration tool, as an operator does; returns once the
         * tool has done so, waiting at most {@code timeout}.
         */
        void shutDown(Duration timeout) throws IOException, InterruptedException;

        /** The file that says why the server did not come up. */
        Path log();
    }

    private final Launcher launcher;
    private final int portOffset;
    private ProcessHandle process;

    private KillableServer(Launcher launcher, int portOffset) {
        this.launcher = launcher;
        this.portOffset = portOffset;
    }

    /**
     * A fresh server named {@code name}, beside the suite's server, with the application deployed in it.
     *
     * @param settings {@code key=value} system properties that replace or add to the suite's ({@code it.jvm.args})
     */
    public static KillableServer prepare(String name, String... settings) throws IOException, InterruptedException {
        Path war = war();
        List<String> jvmArgs = jvmArgs(settings);
        if ("payara".equals(System.getProperty("arquillian.launch"))) {
            return new KillableServer(PayaraLauncher.prepare(name, PORT_OFFSET, war, jvmArgs), PORT_OFFSET);
        }
        return new KillableServer(WildFlyLauncher.prepare(war.getParent().resolve("killable-" + name), PORT_OFFSET,
                war, jvmArgs), PORT_OFFSET);
    }

    private static List<String> jvmArgs(String... settings) {
        List<String> args = new ArrayList<>(List.of(System.getProperty("it.jvm.args").split("\\s+")));
        for (String setting : settings) {
            String key = setting.substring(0, setting.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith("-D" + key));
            args.add("-D" + setting);
        }
        return args;
    }

    /**
     * A fresh WildFly server directory {@code base} (its configuration copied from the prepared server, the
     * application deployed), started at this port offset with these JVM arguments: a node of a cluster.
     */
    public static KillableServer prepareWildFly(Path base, int portOffset, List<String> jvmArgs) throws IOException {
        return new KillableServer(WildFlyLauncher.prepare(base, portOffset, war(), jvmArgs), portOffset);
    }

    private static Path war() {
        return Path.of(System.getProperty("war.path"));
    }

    /** Where its HTTP port is; the application is at the root. */
    public TestServer server() {
        try {
            return new TestServer(new URL("http://127.0.0.1:" + (8080 + portOffset) + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server and waits until {@code /health} answers 200 (database, broker and storage ready). */
    public void start() throws Exception {
        process = launcher.launch(START_TIMEOUT);
        awaitHealthy();
    }

    private void awaitHealthy() throws Exception {
        HttpRequest health = HttpRequest.newBuilder(server().http("health")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited while starting; see " + launcher.log());
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // The HTTP port opens during boot; the deployment comes after it.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The server was not healthy after " + START_TIMEOUT + "; see "
                + launcher.log());
    }

    /** Kills the server's process and its descendants with SIGKILL, and waits until they are gone. */
    public void kill() {
        List<ProcessHandle> tree = processTree();
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.forEach(handle -> handle.onExit().join());
    }

    /**
     * Stops the server as an operator would (SIGTERM: WildFly shuts down in order), and kills what still runs after
     * {@code grace}.
     */
    public void stop(Duration grace) {
        List<ProcessHandle> tree = processTree();
        tree.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillRunning) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /**
     * Shuts the server down with its own administration tool (WildFly's management operation {@code :shutdown},
     * Payara's {@code asadmin stop-domain}) and waits until its process has exited.
     */
    public void shutDown() throws Exception {
        launcher.shutDown(STOP_TIMEOUT);
        process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the server's process runs (it may still be starting). */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Where the server's console output goes: the first place to look when it did not start. It has the
     * application's log lines too (WildFly's console shows INFO; on Payara it is the server log).
     */
    public Path log() {
        return launcher.log();
    }

    private List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process);
        return tree;
    }

    /** Kills the server if it still runs; its files stay until the next {@link #prepare}, for its logs. */
    @Override
    public void close() {
        if (isRunning()) {
            kill();
        }
    }
}
