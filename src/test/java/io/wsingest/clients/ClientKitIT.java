package io.wsingest.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.TextPages;

/**
 * The JavaScript client kit ({@code clients/js}) against this server: runs its Node tests — unit tests, then each
 * protocol's happy path, reconnect and resume, and typed errors over real sockets — with the server's address and its
 * token secret in the environment, and fails with Node's output when any fails. Node must be installed ({@code .ci/run}
 * installs Debian's {@code nodejs} and {@code npm}); the test fails, rather than skips, without it. The package's
 * development dependencies come from its lock file ({@code npm ci}) when {@code node_modules} is missing.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientKitIT {

    /** Deadlines for Node's runs; the tests take seconds. */
    private static final Duration INSTALL_DEADLINE = Duration.ofMinutes(5);
    private static final Duration TEST_DEADLINE = Duration.ofMinutes(4);

    private static final Path KIT = Path.of(System.getProperty("clients.js.dir", "clients/js"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL url;

    @Test
    void nodeTestsOfTheClientKitPassAgainstTheServer() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "client-kit"));
        Path log = work.resolve("node-test.log");
        requireNode(work.resolve("node-version.log"));
        if (!Files.isDirectory(KIT.resolve("node_modules"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), work.resolve("npm-ci.log"), INSTALL_DEADLINE);
        }
        Path page = work.resolve("page.png");
        Files.write(page, TestImages.encode(TextPages.page(TextPages.THREE_PARAGRAPHS, System.nanoTime()), "png"));

        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=tap"));
        command.addAll(testFiles("test/unit"));
        command.addAll(testFiles("test/server"));
        String output = run(command, Map.of(
                "WSINGEST_URL", new TestServer(url).http("").toString(),
                "WSINGEST_JWT_SECRET", TestServer.secret(),
                "WSINGEST_OCR_PAGE", page.toAbsolutePath().toString()), log, TEST_DEADLINE);

        // Node's TAP summary: every test ran and passed, none was skipped or left to do.
        assertEquals(0, count(output, "fail"), output);
        assertEquals(0, count(output, "skipped") + count(output, "todo") + count(output, "cancelled"), output);
        assertTrue(count(output, "pass") >= 30, "fewer tests than the kit has:\n" + output);
    }

    private static void requireNode(Path log) throws Exception {
        try {
            run(List.of("node", "--version"), Map.of(), log, Duration.ofSeconds(30));
        } catch (IOException e) {
            fail("node is missing: install Debian's nodejs and npm (as .ci/run does) to test the client kit", e);
        }
    }

    /** The kit's test files in a folder, as paths relative to the kit (Node gets no shell to expand a pattern). */
    private static List<String> testFiles(String folder) throws IOException {
        try (Stream<Path> files = Files.list(KIT.resolve(folder))) {
            return files.map(path -> folder + "/" + path.getFileName())
                    .filter(name -> name.endsWith(".test.js"))
                    .sorted()
                    .toList();
        }
    }

    /** The number in a TAP summary line such as {@code # pass 31}. */
    private static int count(String output, String what) {
        Matcher matcher = Pattern.compile("^# " + what + " (\\d+)$", Pattern.MULTILINE).matcher(output);
        if (!matcher.find()) {
            fail("no '# " + what + "' in Node's summary:\n" + output);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Runs a command in the kit's folder; returns its output, or fails with it when the command fails. */
    private static String run(List<String> command, Map<String, String> environment, Path log, Duration deadline)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(KIT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(command + " did not finish in " + deadline + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail(command + " failed (exit " + process.exitValue() + "):\n" + output);
        }
        return output;
    }
}
