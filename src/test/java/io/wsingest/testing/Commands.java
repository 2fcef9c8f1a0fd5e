package io.wsingest.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a server's command-line tool to its end, its output appended to a file, as the killable servers need. */
final class Commands {

    private Commands() {
    }

    /**
     * Runs {@code command} and waits at most {@code timeout}; fails when it does not finish or fails.
     *
     * @param output the file its output is appended to, named in the failure
     */
    static void run(Path output, Duration timeout, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException(List.of(command) + " did not finish in " + timeout + "; see " + output);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(List.of(command) + " failed (exit " + process.exitValue() + "); see "
                    + output);
        }
    }
}
