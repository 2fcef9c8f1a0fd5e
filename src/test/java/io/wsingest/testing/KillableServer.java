package io.wsingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A WildFly of the test's own that the test can kill as a crash would: SIGKILL, so no shutdown hook, no flush and no
 * close frame. The Arquillian server cannot be used for this (its container would only stop it gracefully), so this
 * one runs beside it from the same installation: the configuration the build prepared (with
 * {@code wildfly-config/*.cli} applied) copied into a server directory of its own under {@code target/}, with its
 * own data (database, blob store, broker journal), the application deployed at boot, and ports offset by 300.
 */
public final class KillableServer implements AutoCloseable {

    private static final int PORT_OFFSET = Integer.getInteger("it.port.offset", 0) + 300;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path base;
    private Process process;

    private KillableServer(Path base) {
        this.base = base;
    }

    /** A fresh server directory named {@code name} under the build directory, with the application in it. */
    public static KillableServer prepare(String name) throws IOException {
        Path home = Path.of(System.getProperty("wildfly.home"));
        Path base = Path.of(System.getProperty("war.path")).getParent().resolve("killable-" + name);
        deleteTree(base);
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        // Deployments the Arquillian server has made at this moment are in its configuration, but their content is
        // in its data directory, not in this copy: the server would refuse to boot with them.
        Path config = base.resolve("configuration").resolve(System.getProperty("wildfly.server-config"));
        Files.writeString(config, Files.readString(config).replaceAll("(?s)<deployments>.*?</deployments>", ""));
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(Path.of(System.getProperty("war.path")), base.resolve("deployments/ROOT.war"));
        return new KillableServer(base);
    }

    /** Where its HTTP port is; the application is at the root. */
    public TestServer server() {
        try {
            return new TestServer(new URL("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server and waits until {@code /health} answers 200 (database, broker and storage ready). */
    public void start() throws Exception {
        Path home = Path.of(System.getProperty("wildfly.home"));
        List<String> jvm = new ArrayList<>(Arrays.stream(System.getProperty("it.jvm.args").split("\\s+"))
                .filter(arg -> !arg.startsWith("-Djboss.socket.binding.port-offset="))
                .toList());
        jvm.add("-Djboss.socket.binding.port-offset=" + PORT_OFFSET);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-c", System.getProperty("wildfly.server-config"), "-Djboss.server.base.dir=" + base)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        builder.environment().put("JAVA_OPTS", String.join(" ", jvm));
        builder.environment().put("JBOSS_HOME", home.toString());
        process = builder.start();
        awaitHealthy();
    }

    private void awaitHealthy() throws Exception {
        HttpRequest health = HttpRequest.newBuilder(server().http("health")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited while starting; see " + base.resolve("console.log"));
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
                + base.resolve("console.log"));
    }

    /** Kills the server's JVM and the script that started it with SIGKILL, and waits until they are gone. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            handle.onExit().join();
        }
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.delete(path);
            }
        }
    }
}
