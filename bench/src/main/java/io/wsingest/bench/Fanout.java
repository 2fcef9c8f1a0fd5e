package io.wsingest.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Protocol E fan-out: one publisher at a steady bit rate, N receivers. Every chunk carries the publisher's
 * {@link System#nanoTime()} at send and its sequence number in its first 16 bytes; receivers (in the same JVM)
 * record send-to-receive latency. The first two seconds of chunks are left out of the latencies (warm-up).
 * The baseline is the same chunks relayed by a plain Java thread to N raw loopback TCP sockets.
 */
final class Fanout {

    /** What one run measured. */
    record Result(int receivers, double offeredMBps, double deliveredMBps, double p50, double p99, double max,
            long lost, int cutOff, String note) {
    }

    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private final Config config;

    Fanout(Config config) {
        this.config = config;
    }

    private int chunksPerRun(int seconds) {
        return (int) Math.max(1, seconds * config.bitrate() / 8 / config.chunkBytes());
    }

    private long intervalNanos() {
        return (long) (config.chunkBytes() * 8 * 1e9 / config.bitrate());
    }

    /** Fills the chunk: send time, sequence number, then payload bytes. */
    private ByteBuffer chunk(byte[] body, long sequence) {
        byte[] bytes = body.clone();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.putLong(8, sequence);
        buffer.putLong(0, System.nanoTime());
        return buffer;
    }

    // ---------------------------------------------------------------- WebSocket relay (protocol E)

    /** A receiver: latencies of whole messages; a stalled one reads its first message and then nothing. */
    private static final class Receiver implements WebSocket.Listener {
        final Histogram latencies;
        final boolean stalled;
        /** Chunks sent before this are the warm-up: not measured. */
        volatile long warmUpEnds;
        final ByteBuffer header = ByteBuffer.allocate(16);
        final CompletableFuture<String> closed = new CompletableFuture<>();
        volatile long bytes;
        volatile long messages;
        volatile String error;
        WebSocket socket;

        Receiver(Histogram latencies, boolean stalled, long warmUpEnds) {
            this.latencies = latencies;
            this.stalled = stalled;
            this.warmUpEnds = warmUpEnds;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            long now = System.nanoTime();
            bytes += data.remaining();
            while (header.hasRemaining() && data.hasRemaining()) {
                header.put(data.get());
            }
            if (last) {
                long sent = header.getLong(0);
                if (sent >= warmUpEnds && !stalled) {
                    latencies.record(now - sent);
                }
                messages++;
                header.clear();
            }
            if (!stalled) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (data.toString().startsWith("ERROR")) {
                error = data.toString();
            }
            if (!stalled) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable failure) {
            closed.complete("failed: " + failure);
        }
    }

    Result relay(ServerApi api, String channel, int receivers, boolean withStalled, int seconds) throws IOException {
        return relay(api, channel, receivers, withStalled, seconds, false);
    }

    /**
     * @param split every second receiver on the second cluster node ({@code bench.second-port}), an edge that pulls
     *              the stream from the publisher's node; the note then says what the publisher's node sent
     */
    Result relay(ServerApi api, String channel, int receivers, boolean withStalled, int seconds, boolean split)
            throws IOException {
        String key = "benchkey";
        int chunks = chunksPerRun(seconds);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        HttpClient[] clients = new HttpClient[4];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder().executor(executor).build();
        }
        Histogram latencies = new Histogram();
        List<Receiver> all = new ArrayList<>();
        long droppedBefore = ServerApi.number(api.liveFigures(), "receiversDroppedTooSlow");
        try {
            // Receivers connect first and wait for the publisher; their warm-up ends 2 s after it starts publishing.
            long warmUpEnds = System.nanoTime() + 60_000_000_000L;
            Semaphore inFlight = new Semaphore(100);
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = 0; i < receivers + (withStalled ? 1 : 0); i++) {
                Receiver receiver = new Receiver(latencies, withStalled && i == receivers, warmUpEnds);
                all.add(receiver);
                inFlight.acquireUninterruptibly();
                String path = "/" + channel + "/" + key + "/receive";
                CompletableFuture<WebSocket> open = clients[i % clients.length].newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(60))
                        .buildAsync(URI.create(split && i % 2 == 1 ? config.wsOnSecondNode(path) : config.ws(path)),
                                receiver);
                open.whenComplete((ws, failure) -> inFlight.release());
                opening.add(open);
            }
            for (int i = 0; i < opening.size(); i++) {
                all.get(i).socket = opening.get(i).get(120, TimeUnit.SECONDS);
            }
            // Give every receiver time to be registered as waiting on the channel.
            ServerProbe.sleep(1000);
            HttpClient publisherClient = HttpClient.newHttpClient();
            Ws publisher = Ws.connect(publisherClient, config.ws("/" + channel + "/" + key + "/publish"), null);
            ServerProbe.sleep(500);
            long start = System.nanoTime();
            long warmUp = start + WARM_UP_NANOS;
            byte[] body = new byte[config.chunkBytes()];
            Payload.fill(body, 0, 0, body.length);
            long interval = intervalNanos();
            for (Receiver receiver : all) {
                receiver.warmUpEnds = warmUp;
            }
            long late = 0;
            for (int i = 0; i < chunks; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else if (-wait > interval) {
                    late++;
                }
                publisher.sendBinary(chunk(body, i));
            }
            long publishEnd = System.nanoTime();
            // Let the queues drain (bounded), then end the stream.
            long drainUntil = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < drainUntil && !allReceived(all, chunks)) {
                ServerProbe.sleep(50);
            }
            long deliveredBytes = 0;
            long lost = 0;
            int cutOff = 0;
            for (Receiver receiver : all) {
                if (receiver.stalled) {
                    continue;
                }
                deliveredBytes += Math.min(receiver.bytes, (long) chunks * config.chunkBytes());
                lost += Math.max(0, chunks - receiver.messages);
                if (receiver.closed.isDone() || receiver.error != null) {
                    cutOff++;
                }
            }
            String origin = split ? pullCost(api.liveChannel(channel), receivers - receivers / 2, chunks) : "";
            publisher.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
            for (Receiver receiver : all) {
                if (!receiver.stalled) {
                    try {
                        receiver.closed.get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // counted as lost already if it missed chunks
                    }
                }
            }
            long dropped = ServerApi.number(api.liveFigures(), "receiversDroppedTooSlow") - droppedBefore;
            double elapsed = (publishEnd - start) / 1e9;
            String note = String.join("; ", Stream.of(
                    withStalled ? "+1 stalled receiver; server cut off " + dropped + " too-slow receiver(s)" : "",
                    late > 0 ? "publisher late for " + late + " chunks" : "", origin)
                    .filter(part -> !part.isEmpty()).toList());
            return new Result(receivers, (double) chunks * config.chunkBytes() * receivers / elapsed / 1e6,
                    deliveredBytes / elapsed / 1e6, latencies.percentileMillis(0.5), latencies.percentileMillis(0.99),
                    latencies.maxMillis(), lost, cutOff, note);
        } catch (Exception e) {
            throw new IOException("fan-out to " + receivers + " receivers failed: " + e, e);
        } finally {
            for (Receiver receiver : all) {
                if (receiver.socket != null) {
                    receiver.socket.abort();
                }
            }
            executor.shutdownNow();
        }
    }

    /**
     * What the publisher's node served, read from its channel before the stream ends: its connections beyond its own
     * receivers are the other nodes' pulls, and its bytes out in copies of the stream.
     */
    private String pullCost(String originChannel, int ownReceivers, int chunks) {
        if (originChannel == null) {
            return "publisher's node: channel not found";
        }
        long served = ServerApi.number(originChannel, "receivers");
        double copies = (double) ServerApi.number(originChannel, "bytesOut") / ((long) chunks * config.chunkBytes());
        return "publisher's node served " + served + " connections (" + ownReceivers + " receivers + "
                + (served - ownReceivers) + " pull) and sent " + String.format("%.1f", copies) + " copies of the stream";
    }

    private static boolean allReceived(List<Receiver> receivers, int chunks) {
        for (Receiver receiver : receivers) {
            if (!receiver.stalled && receiver.messages < chunks && !receiver.closed.isDone()) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- raw TCP relay (baseline)

    /**
     * The baseline: one thread writes each chunk, length-prefixed, to N raw loopback sockets in turn; two selector
     * threads read them. No WebSocket framing, no per-receiver queues.
     */
    Result raw(int receivers, int seconds) throws IOException {
        int chunks = chunksPerRun(seconds);
        Histogram latencies = new Histogram();
        LongAdder received = new LongAdder();
        AtomicInteger complete = new AtomicInteger();
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), receivers)) {
            Selector[] selectors = {Selector.open(), Selector.open()};
            List<SocketChannel> clientSides = new ArrayList<>();
            List<SocketChannel> relaySides = new ArrayList<>();
            long[] warmUpEnds = {Long.MAX_VALUE};
            for (int i = 0; i < receivers; i++) {
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                relaySides.add(server.accept());
                client.configureBlocking(false);
                clientSides.add(client);
            }
            for (int i = 0; i < receivers; i++) {
                Selector selector = selectors[i % selectors.length];
                SocketChannel client = clientSides.get(i);
                client.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(config.chunkBytes() + 4 + 64 * 1024));
            }
            List<Thread> readers = new ArrayList<>();
            for (Selector selector : selectors) {
                Thread reader = new Thread(() -> {
                    try {
                        while (selector.isOpen() && complete.get() < receivers) {
                            if (selector.select(200) == 0) {
                                continue;
                            }
                            for (SelectionKey key : selector.selectedKeys()) {
                                SocketChannel channel = (SocketChannel) key.channel();
                                ByteBuffer buffer = (ByteBuffer) key.attachment();
                                int n = channel.read(buffer);
                                if (n <= 0) {
                                    continue;
                                }
                                long now = System.nanoTime();
                                received.add(n);
                                buffer.flip();
                                while (buffer.remaining() >= 4 && buffer.remaining() >= 4 + buffer.getInt(buffer.position())) {
                                    int length = buffer.getInt();
                                    long sent = buffer.getLong(buffer.position());
                                    long sequence = buffer.getLong(buffer.position() + 8);
                                    if (sent >= warmUpEnds[0]) {
                                        latencies.record(now - sent);
                                    }
                                    if (sequence == chunks - 1) {
                                        complete.incrementAndGet();
                                    }
                                    buffer.position(buffer.position() + length);
                                }
                                buffer.compact();
                            }
                            selector.selectedKeys().clear();
                        }
                    } catch (IOException e) {
                        // the run ends
                    }
                }, "raw-fanout-reader");
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
            byte[] body = new byte[config.chunkBytes()];
            Payload.fill(body, 0, 0, body.length);
            long interval = intervalNanos();
            long start = System.nanoTime();
            warmUpEnds[0] = start + WARM_UP_NANOS;
            ByteBuffer length = ByteBuffer.allocate(4).putInt(0, body.length);
            for (int i = 0; i < chunks; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                ByteBuffer chunk = chunk(body, i);
                for (SocketChannel relay : relaySides) {
                    ByteBuffer[] frame = {length.duplicate(), chunk.duplicate()};
                    while (frame[1].hasRemaining()) {
                        relay.write(frame);
                    }
                }
            }
            long publishEnd = System.nanoTime();
            long until = System.nanoTime() + 10_000_000_000L;
            while (complete.get() < receivers && System.nanoTime() < until) {
                ServerProbe.sleep(20);
            }
            for (Selector selector : selectors) {
                selector.wakeup();
            }
            for (Thread reader : readers) {
                reader.join(2000);
            }
            for (Selector selector : selectors) {
                selector.close();
            }
            for (SocketChannel channel : clientSides) {
                channel.close();
            }
            for (SocketChannel channel : relaySides) {
                channel.close();
            }
            double secs = (publishEnd - start) / 1e9;
            long payload = received.sum() - 4L * chunks * receivers;
            return new Result(receivers, (double) chunks * body.length * receivers / secs / 1e6, payload / secs / 1e6,
                    latencies.percentileMillis(0.5), latencies.percentileMillis(0.99), latencies.maxMillis(),
                    (long) chunks * receivers - (received.sum() / (body.length + 4)), 0, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
