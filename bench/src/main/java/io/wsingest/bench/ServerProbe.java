package io.wsingest.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's process, found by the port it listens on (so another developer's WildFly on the same machine is
 * never measured): its resident memory from {@code /proc/<pid>/status}, its heap with {@code jstat} and
 * {@code jcmd}, its threads, and JFR recordings.
 */
final class ServerProbe {

    private static final Pattern G1_HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");

    final long pid;
    private final Path jdkBin = Path.of(System.getProperty("java.home"), "bin");

    private ServerProbe(long pid) {
        this.pid = pid;
    }

    /** The process listening on {@code port} on this machine, or null when none can be found (not ours to read). */
    static ServerProbe listeningOn(int port) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] f = line.trim().split("\\s+");
                // local_address is ADDR:PORT in hex, st 0A is LISTEN, the inode is the 10th field.
                if (f.length > 9 && f[1].contains(":") && f[3].equals("0A")
                        && Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16) == port) {
                    inodes.add("socket:[" + f[9] + "]");
                }
            }
        }
        if (inodes.isEmpty()) {
            return null;
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                                return new ServerProbe(Long.parseLong(proc.getFileName().toString()));
                            }
                        } catch (IOException e) {
                            // closed meanwhile
                        }
                    }
                } catch (IOException e) {
                    // not readable, or gone
                }
            }
        }
        return null;
    }

    /** Resident set size in bytes ({@code VmRSS}). */
    long rssBytes() {
        return statusField("VmRSS:") * 1024;
    }

    /** CPU time the process has used so far (user and system), in seconds. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Server threads grouped by what they do, by the names WildFly and the JVM give them. */
    static final List<String> THREAD_GROUPS = List.of("I/O", "workers", "executor", "GC", "JIT", "other");

    /**
     * CPU seconds used so far by each of {@link #THREAD_GROUPS}: Undertow's I/O threads ({@code default I/O-n}: read,
     * unmask and frame every message), the worker threads that run the endpoints ({@code default task-n}), the
     * default managed executor's threads (protocol B writes its files there), the garbage collector, the JIT
     * compilers, and everything else.
     */
    double[] cpuByThreadGroup() {
        double[] seconds = new double[THREAD_GROUPS.size()];
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
                    seconds[group(name)] += cpu;
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            java.util.Arrays.fill(seconds, Double.NaN);
        }
        return seconds;
    }

    private static int group(String thread) {
        if (thread.startsWith("default I/O")) {
            return 0;
        }
        if (thread.startsWith("default task")) {
            return 1;
        }
        // Linux keeps 15 characters of a thread's name: "EE-ManagedExecutorService-default-Thread-1".
        if (thread.startsWith("EE-ManagedExecu")) {
            return 2;
        }
        if (thread.startsWith("GC ") || thread.startsWith("G1 ") || thread.equals("VM Thread")) {
            return 3;
        }
        if (thread.contains("Compiler")) {
            return 4;
        }
        return 5;
    }

    /** CPU time this (the harness's) process has used so far, in seconds. */
    static double ownCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    int threads() {
        return (int) statusField("Threads:");
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** A full GC, then the heap in use (bytes): what the live objects take. */
    long heapAfterGc() throws IOException {
        jcmd("GC.run");
        return heapUsed();
    }

    long heapUsed() throws IOException {
        Matcher m = G1_HEAP.matcher(jcmd("GC.heap_info"));
        if (!m.find()) {
            throw new IOException("cannot read the heap of process " + pid);
        }
        return Long.parseLong(m.group(2)) * 1024;
    }

    String jcmd(String... command) throws IOException {
        List<String> args = new ArrayList<>(List.of(jdkBin.resolve("jcmd").toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        return run(args);
    }

    /** Samples heap (jstat, every 250 ms) and RSS while a figure runs; the peaks are read at the end. */
    Sampler sample() throws IOException {
        return new Sampler();
    }

    final class Sampler implements AutoCloseable {
        private final Process jstat;
        private final Thread reader;
        private final Thread rss;
        private volatile boolean stop;
        volatile long peakHeap;
        volatile long peakOld;
        volatile long peakRss;

        private Sampler() throws IOException {
            jstat = new ProcessBuilder(jdkBin.resolve("jstat").toString(), "-gc", Long.toString(pid), "250")
                    .redirectErrorStream(true).start();
            reader = new Thread(this::readJstat, "jstat-reader");
            reader.setDaemon(true);
            reader.start();
            rss = new Thread(() -> {
                while (!stop) {
                    peakRss = Math.max(peakRss, rssBytes());
                    sleep(250);
                }
            }, "rss-sampler");
            rss.setDaemon(true);
            rss.start();
        }

        private void readJstat() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                String header = in.readLine();
                if (header == null) {
                    return;
                }
                List<String> names = List.of(header.trim().split("\\s+"));
                for (String line; (line = in.readLine()) != null; ) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length != names.size() || !Character.isDigit(f[0].charAt(0))) {
                        continue;
                    }
                    double used = 0;
                    for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                        used += Double.parseDouble(f[names.indexOf(column)]);
                    }
                    long old = (long) (Double.parseDouble(f[names.indexOf("OU")]) * 1024);
                    peakHeap = Math.max(peakHeap, (long) (used * 1024));
                    peakOld = Math.max(peakOld, old);
                }
            } catch (IOException | RuntimeException e) {
                // the sampler stops with the process
            }
        }

        @Override
        public void close() {
            stop = true;
            jstat.destroy();
            try {
                jstat.waitFor(5, TimeUnit.SECONDS);
                reader.join(5000);
                rss.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
