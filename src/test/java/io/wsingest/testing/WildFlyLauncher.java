package io.wsingest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link KillableServer} on WildFly: the configuration the build prepared (with {@code wildfly-config/*.cli}
 * applied) copied into a server directory of its own under {@code target/}, the application deployed at boot from
 * its {@code deployments/}, started with {@code standalone.sh} and the given JVM arguments.
 */
final class WildFlyLauncher implements KillableServer.Launcher {

    private final Path home = Path.of(System.getProperty("wildfly.home"));
    private final String serverConfig = System.getProperty("wildfly.server-config");
    private final Path base;
    private final int portOffset;
    private final List<String> jvmArgs;

    private WildFlyLauncher(Path base, int portOffset, List<String> jvmArgs) {
        this.base = base;
        this.portOffset = portOffset;
        this.jvmArgs = jvmArgs;
    }

    /** A fresh server directory {@code base} with the WAR deployed, whatever was there before. */
    static WildFlyLauncher prepare(Path base, int portOffset, Path war, List<String> jvmArgs) throws IOException {
        WildFlyLauncher launcher = new WildFlyLauncher(base, portOffset, jvmArgs);
        launcher.createServerDirectory(war);
        return launcher;
    }

    private void createServerDirectory(Path war) throws IOException {
        deleteTree(base);
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        // Deployments the Arquillian server has made at this moment are in its configuration, but their content is
        // in its data directory, not in this copy: the server would refuse to boot with them.
        Path config = base.resolve("configuration").resolve(serverConfig);
        Files.writeString(config, Files.readString(config).replaceAll("(?s)<deployments>.*?</deployments>", ""));
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(war, base.resolve("deployments/ROOT.war"));
    }

    /** The script's process: the server's JVM is its child, and dies with it when the tree is killed. */
    @Override
    public ProcessHandle launch(Duration timeout) throws IOException {
        List<String> jvm = new ArrayList<>(jvmArgs.stream()
                .filter(arg -> !arg.startsWith("-Djboss.socket.binding.port-offset="))
                .toList());
        jvm.add("-Djboss.socket.binding.port-offset=" + portOffset);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-c", serverConfig, "-Djboss.server.base.dir=" + base)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().put("JAVA_OPTS", String.join(" ", jvm));
        builder.environment().put("JBOSS_HOME", home.toString());
        return builder.start().toHandle();
    }

    /**
     * The management operation {@code :shutdown} through {@code jboss-cli.sh} on the server's management port, as an
     * operator on the machine runs it (local authentication): WildFly suspends, stops, and its JVM exits.
     */
    @Override
    public void shutDown(Duration timeout) throws IOException, InterruptedException {
        Commands.run(log(), timeout, home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=remote+http://127.0.0.1:" + (9990 + portOffset), "--command=:shutdown");
    }

    @Override
    public Path log() {
        return base.resolve("console.log");
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
