package io.wsingest.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients of the three upload protocols, each sending one file the way the protocol's own clients do, and timing it
 * from the connection's start until the server confirms the file is stored (fsynced, hashed, recorded).
 */
final class Uploads {

    /** Sends one file of {@code size} bytes as client {@code index}; returns once the server has stored it. */
    interface Client {
        void upload(int index, long size) throws IOException;
    }

    private static final Pattern NUMBER = Pattern.compile("\"%s\"\\s*:\\s*\"?(-?\\d+)");

    private Uploads() {
    }

    static long field(String json, String name) {
        Matcher m = Pattern.compile(String.format(NUMBER.pattern(), Pattern.quote(name))).matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + name + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * Protocol A: FileStateInfo, the answer, the first heartbeat, then data messages of {@code BufferSize} bytes
     * (10-byte little-endian header and 32758 data bytes at the default), until the server closes with 1000.
     *
     * @param projects the project of client {@code i} is {@code projects + i}: one upload chain per project
     */
    static Client protocolA(Config config, String token, String projects) {
        return (index, size) -> {
            HttpClient http = HttpClient.newHttpClient();
            Ws ws = Ws.connect(http, config.ws("/ws/Upload?id=" + projects + index + "&saveMedia=true"), token);
            try {
                String info = ws.nextText(60);
                if (info.contains("\"IsInitialized\":true")) {
                    throw new IOException("project " + projects + index + " already has an upload: " + info);
                }
                int bufferSize = (int) field(info, "BufferSize");
                ws.sendText("{\"IsInitialized\":false,\"FileName\":\"bench-a.bin\",\"BufferSize\":" + bufferSize
                        + ",\"TotalFileSize\":" + size + ",\"CurrentFileOffset\":0}");
                String first = ws.nextText(60);
                if (!first.equals("0")) {
                    throw new IOException("expected the first heartbeat 0, got " + first);
                }
                int data = bufferSize - 10;
                byte[] frame = new byte[bufferSize];
                ByteBuffer header = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
                for (long offset = 0; offset < size; ) {
                    int n = (int) Math.min(data, size - offset);
                    header.putLong(0, offset).putShort(8, (short) n);
                    Payload.fill(frame, 10, offset, n);
                    ws.sendBinary(ByteBuffer.wrap(frame, 0, 10 + n));
                    offset += n;
                }
                Ws.Closed closed = ws.awaitClose(600);
                if (closed.code() != 1000) {
                    throw new IOException("protocol A upload closed with " + closed);
                }
            } finally {
                ws.abort();
            }
        };
    }

    /**
     * Protocol B: metadata, then one chunk of {@code chunksize} bytes per ready signal, then finished; done at the
     * close signal. The files belong to the user (no project).
     */
    static Client protocolB(Config config, String token) {
        return (index, size) -> {
            HttpClient http = HttpClient.newHttpClient();
            Ws ws = Ws.connect(http, config.ws("/ws/galileo"), token);
            try {
                ws.sendText("{\"name\":\"bench-b.bin\",\"size\":" + size + "}");
                byte[] chunk = null;
                long offset = 0;
                boolean finished = false;
                while (true) {
                    String signal = ws.nextText(600);
                    if (signal.contains("\"close\":true")) {
                        break;
                    }
                    if (!signal.contains("\"ready\":true") || finished) {
                        throw new IOException("protocol B: unexpected " + signal);
                    }
                    if (chunk == null) {
                        chunk = new byte[(int) field(signal, "chunksize")];
                    }
                    if (offset < size) {
                        int n = (int) Math.min(chunk.length, size - offset);
                        Payload.fill(chunk, 0, offset, n);
                        ws.sendBinary(ByteBuffer.wrap(chunk, 0, n));
                        offset += n;
                    } else {
                        ws.sendText("{\"finished\":true}");
                        finished = true;
                    }
                }
            } finally {
                ws.abort();
            }
        };
    }

    /**
     * Protocol C: an {@code /upload-file} request offering the stream with a 64 KiB buffer (the server's default
     * limit; {@code -Dbench.c.buffer} offers another), binary messages of the negotiated buffer, then the final
     * packet.
     */
    static Client protocolC(Config config, String tokenPrefix, Tokens tokens) {
        return (index, size) -> {
            HttpClient http = HttpClient.newHttpClient();
            // A user per client and run: each user's streamed files count against a 10 GiB quota.
            Ws ws = Ws.connect(http, config.ws("/ws/stream"), tokens.user(tokenPrefix + "-" + index));
            try {
                ws.sendText("{\"headers\":{\"route\":\"/upload-file\",\"x-stream\":\"" + size
                        + ":" + Integer.getInteger("bench.c.buffer", 65536) + "\",\"data-format\":\"bytes\",\"file-name\":\"bench-c.bin\"},\"payload\":null}");
                String answer = ws.nextText(60);
                if (field(answer, "status") != 0) {
                    throw new IOException("protocol C refused the stream: " + answer);
                }
                Matcher m = Pattern.compile("\"x-stream\"\\s*:\\s*\"0:(\\d+)\"").matcher(answer);
                if (!m.find()) {
                    throw new IOException("protocol C: no buffer in " + answer);
                }
                byte[] message = new byte[Integer.parseInt(m.group(1))];
                for (long offset = 0; offset < size; ) {
                    int n = (int) Math.min(message.length, size - offset);
                    Payload.fill(message, 0, offset, n);
                    ws.sendBinary(ByteBuffer.wrap(message, 0, n));
                    offset += n;
                }
                String done = ws.nextText(600);
                if (field(done, "status") != 0) {
                    throw new IOException("protocol C did not store the stream: " + done);
                }
            } finally {
                ws.abort();
            }
        };
    }

    /** A throughput figure, with the CPU seconds per GiB the server and the harness (the clients) spent on it. */
    record Throughput(double mbps, double serverCpuPerGib, double clientCpuPerGib, double[] serverCpuPerGibByGroup) {
    }

    /**
     * Runs {@code clients} uploads of {@code size} bytes at once; MB/s (10^6 bytes) over the wall time, and CPU
     * per GiB ({@code server} may be null: then that figure is NaN).
     */
    static Throughput measure(Client client, int clients, long size, ServerProbe server) throws IOException {
        double serverBefore = server == null ? Double.NaN : server.cpuSeconds();
        double[] groupsBefore = server == null ? null : server.cpuByThreadGroup();
        double clientBefore = ServerProbe.ownCpuSeconds();
        double mbps = throughput(client, clients, size);
        double gib = (double) clients * size / Config.GIB;
        double serverCpu = server == null ? Double.NaN : (server.cpuSeconds() - serverBefore) / gib;
        double[] groups = new double[ServerProbe.THREAD_GROUPS.size()];
        if (server != null) {
            double[] after = server.cpuByThreadGroup();
            // "other" is the rest of the process's CPU: it also holds what threads that ended meanwhile used.
            double named = 0;
            for (int i = 0; i < groups.length - 1; i++) {
                groups[i] = (after[i] - groupsBefore[i]) / gib;
                named += groups[i];
            }
            groups[groups.length - 1] = Math.max(0, serverCpu - named);
        } else {
            java.util.Arrays.fill(groups, Double.NaN);
        }
        return new Throughput(mbps, serverCpu, (ServerProbe.ownCpuSeconds() - clientBefore) / gib, groups);
    }

    /** Runs {@code clients} uploads of {@code size} bytes at once; returns MB/s (10^6 bytes) over the wall time. */
    static double throughput(Client client, int clients, long size) throws IOException {
        Thread[] threads = new Thread[clients];
        IOException[] failures = new IOException[clients];
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            int index = i;
            threads[i] = new Thread(() -> {
                try {
                    client.upload(index, size);
                } catch (IOException | RuntimeException e) {
                    failures[index] = e instanceof IOException io ? io : new IOException(e);
                }
            }, "upload-" + i);
            threads[i].start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        long elapsed = System.nanoTime() - start;
        for (IOException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        return (double) clients * size / (elapsed / 1e9) / 1e6;
    }
}
