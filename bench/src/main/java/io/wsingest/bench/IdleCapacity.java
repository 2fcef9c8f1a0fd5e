package io.wsingest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Idle capacity: N protocol E receivers waiting on a channel without a publisher, held long enough for at least two
 * server heartbeats ({@code h} every 20 s); the clients answer with their own {@code h} every 20 s, as players do.
 * The server's heap is measured after a full GC before and after the connections open.
 */
final class IdleCapacity {

    record Result(int attempted, int opened, int openAtEnd, double openSeconds, double heartbeatsPerConnection,
            long heapBefore, long heapAfter, long rssBefore, long rssAfter, int threadsBefore, int threadsAfter) {

        double heapPerConnection() {
            return openAtEnd == 0 ? Double.NaN : (double) (heapAfter - heapBefore) / openAtEnd;
        }
    }

    private static final class Idle implements WebSocket.Listener {
        final LongAdder heartbeats;
        final CompletableFuture<String> closed = new CompletableFuture<>();

        Idle(LongAdder heartbeats) {
            this.heartbeats = heartbeats;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if ("h".contentEquals(data)) {
                heartbeats.increment();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("failed: " + error);
        }
    }

    static Result run(Config config, ServerProbe probe, String channel, int connections, int holdSeconds)
            throws Exception {
        long heapBefore = probe.heapAfterGc();
        long rssBefore = probe.rssBytes();
        int threadsBefore = probe.threads();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpClient[] clients = new HttpClient[4];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder().executor(executor).build();
        }
        LongAdder heartbeats = new LongAdder();
        List<Idle> idles = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try {
            Semaphore inFlight = new Semaphore(200);
            AtomicInteger failed = new AtomicInteger();
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                Idle idle = new Idle(heartbeats);
                idles.add(idle);
                inFlight.acquireUninterruptibly();
                CompletableFuture<WebSocket> open = clients[i % clients.length].newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(60))
                        .buildAsync(URI.create(config.ws("/" + channel + "/idlekey/receive")), idle);
                open.whenComplete((ws, failure) -> {
                    inFlight.release();
                    if (failure != null) {
                        failed.incrementAndGet();
                    }
                });
                opening.add(open);
            }
            for (CompletableFuture<WebSocket> open : opening) {
                try {
                    sockets.add(open.get(120, TimeUnit.SECONDS));
                } catch (Exception e) {
                    // counted
                }
            }
            double openSeconds = (System.nanoTime() - start) / 1e9;
            // The clients' own heartbeat, as players send it.
            ticker.scheduleAtFixedRate(() -> {
                for (WebSocket socket : sockets) {
                    try {
                        if (!socket.isOutputClosed()) {
                            socket.sendText("h", true);
                        }
                    } catch (IllegalStateException e) {
                        // the last heartbeat is still being sent
                    }
                }
            }, 20, 20, TimeUnit.SECONDS);
            ServerProbe.sleep(holdSeconds * 1000L);
            long heapAfter = probe.heapAfterGc();
            long rssAfter = probe.rssBytes();
            int threadsAfter = probe.threads();
            int openAtEnd = 0;
            for (int i = 0; i < sockets.size(); i++) {
                if (!idles.get(i).closed.isDone()) {
                    openAtEnd++;
                }
            }
            return new Result(connections, sockets.size(), openAtEnd, openSeconds,
                    sockets.isEmpty() ? 0 : (double) heartbeats.sum() / sockets.size(), heapBefore, heapAfter,
                    rssBefore, rssAfter, threadsBefore, threadsAfter);
        } finally {
            ticker.shutdownNow();
            for (WebSocket socket : sockets) {
                socket.abort();
            }
            executor.shutdownNow();
        }
    }
}
