package io.wsingest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@link KillableServer} on Payara: a domain {@code killable-<name>} of its own in the build's Payara, created by the
 * script that prepares the suite's domain ({@code src/test/payara/prepare-domain.sh}: the operator's
 * {@code payara-config/configure.sh} and the test JVM options), with the application deployed there once, so that
 * every {@code asadmin start-domain} brings it back, after a SIGKILL too.
 */
final class PayaraLauncher implements KillableServer.Launcher {

    /** A deadline, not a wait: on a machine with a load average of 40 on two cores it took more than 5 minutes. */
    private static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(12);

    private final Path home = Path.of(System.getProperty("payara.home"));
    private final String domain;
    private final Path console;

    private PayaraLauncher(String domain, Path console) {
        this.domain = domain;
        this.console = console;
    }

    /**
     * A new domain, every port at Payara's default plus {@code portOffset}, administration too (4848 plus the offset):
     * clear of the suites' administration ports (it.management.port) and of Hazelcast's (4900 and up).
     */
    static PayaraLauncher prepare(String name, int portOffset, Path war, List<String> jvmArgs)
            throws IOException, InterruptedException {
        String domain = "killable-" + name;
        PayaraLauncher launcher = new PayaraLauncher(domain, war.getParent().resolve(domain + ".log"));
        launcher.createDomain(portOffset, war, jvmArgs);
        return launcher;
    }

    private void createDomain(int portOffset, Path war, List<String> jvmArgs) throws IOException, InterruptedException {
        Files.deleteIfExists(console);
        Commands.run(console, PREPARE_TIMEOUT, System.getProperty("payara.prepare-domain"), home.toString(), domain,
                String.valueOf(portOffset), String.valueOf(4848 + portOffset), String.join(" ", jvmArgs),
                war.toString());
    }

    /** The domain's JVM: {@code start-domain} has exited by then, and the JVM is no descendant of this one. */
    @Override
    public ProcessHandle launch(Duration timeout) throws IOException, InterruptedException {
        Commands.run(console, timeout, asadmin(), "start-domain", domain);
        long pid = Long.parseLong(Files.readString(domainDirectory().resolve("config/pid")).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                "The domain's JVM exited right after it started; see " + log()));
    }

    /** {@code asadmin stop-domain}: Payara stops the applications, then the domain's JVM exits. */
    @Override
    public void shutDown(Duration timeout) throws IOException, InterruptedException {
        Commands.run(console, timeout, asadmin(), "stop-domain", domain);
    }

    private String asadmin() {
        return home.resolve("bin/asadmin").toString();
    }

    /** The server's log; what the commands that prepared and started it said is in the console file beside the WAR. */
    @Override
    public Path log() {
        return domainDirectory().resolve("logs/server.log");
    }

    private Path domainDirectory() {
        return home.resolve("glassfish/domains").resolve(domain);
    }
}
