package io.wsingest.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The test server's {@code server.log} ({@code it.server.log}) or another server's, read from a mark: what the server logged while a test
 * ran. The managed server runs on this machine from the installation the build unpacked, so its log is a file the
 * test can read.
 *
 * <p>It reads raw lines, not log records, on purpose. WildFly writes a record as one line (header, then message);
 * Payara's ODL format writes a header line and the message on the next. Since the application escapes line breaks in
 * whatever it logs, a message is one line on both servers, so a test that looks for a message text finds it either
 * way, and a forged record (text after a raw line break) starts a line of its own on both.
 */
public final class ServerLog {

    private final Path file;
    private final long mark;

    private ServerLog(Path file, long mark) {
        this.file = file;
        this.mark = mark;
    }

    /** Marks the current end of the log. */
    public static ServerLog mark() throws IOException {
        return mark(Path.of(System.getProperty("it.server.log")));
    }

    /** Marks the current end of another server's log, such as a {@link KillableServer#log()}. */
    public static ServerLog mark(Path file) throws IOException {
        return new ServerLog(file, Files.exists(file) ? Files.size(file) : 0);
    }

    /**
     * The lines written since the mark. A log that was rotated meanwhile (it is smaller than the mark) is read whole.
     */
    public List<String> newLines() throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long from = log.length() < mark ? 0 : mark;
            byte[] bytes = new byte[(int) (log.length() - from)];
            log.seek(from);
            log.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
    }

    /**
     * The lines written since the mark, once one of them contains {@code text} (waiting up to 30 s: a server may write
     * its log a moment after it answered). Everything the server logged before that line is then among them.
     */
    public List<String> awaitLine(String text) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<String> lines = newLines();
            if (lines.stream().anyMatch(line -> line.contains(text))) {
                return lines;
            }
            assertTrue(System.nanoTime() < deadline, () -> "no log line with " + text + " in 30 s");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    public void assertNoOutOfMemoryError() throws IOException {
        List<String> errors = newLines().stream().filter(line -> line.contains("OutOfMemoryError")).toList();
        assertTrue(errors.isEmpty(), () -> errors.size() + " log lines name an OutOfMemoryError, the first: "
                + errors.get(0));
    }
}
