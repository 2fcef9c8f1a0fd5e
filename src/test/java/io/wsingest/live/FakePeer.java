package io.wsingest.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import io.wsingest.websocket.Outbox;

/**
 * A client as the server's side of a connection sees it: records what is sent and how it is closed. By default every
 * send completes at once (inside the call, as Undertow's do); {@link #stall()} makes it a peer that stops reading.
 */
final class FakePeer implements Outbox.Transport, LiveConnection.Closer {

    private final List<Object> sent = new ArrayList<>();
    private final Deque<Consumer<Throwable>> pending = new ArrayDeque<>();
    private boolean stalled;
    private final List<LiveClose> closes = new ArrayList<>();
    private Runnable closeReported = () -> { };

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        record(text, done);
    }

    @Override
    public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy); // consumes the view, as a real send does
        record(copy, done);
    }

    @Override
    public void close(LiveClose close) {
        Runnable then;
        synchronized (this) {
            closes.add(close);
            then = closeReported;
        }
        then.run();
    }

    /** From now on the container reports each close at once, inside the close, as a fast one may. */
    synchronized void reportsClosesAtOnce(Runnable reported) {
        closeReported = reported;
    }

    private void record(Object message, Consumer<Throwable> done) {
        boolean now;
        synchronized (this) {
            sent.add(message);
            now = !stalled;
            if (!now) {
                pending.add(done);
            }
        }
        if (now) {
            done.accept(null);
        }
    }

    /** From now on sends wait: the peer stopped reading. */
    synchronized void stall() {
        stalled = true;
    }

    /** Reads again: completes what waited. */
    void resume() {
        while (true) {
            Consumer<Throwable> next;
            synchronized (this) {
                stalled = false;
                next = pending.poll();
            }
            if (next == null) {
                return;
            }
            next.accept(null);
        }
    }

    synchronized List<byte[]> binaries() {
        return sent.stream().filter(byte[].class::isInstance).map(byte[].class::cast).toList();
    }

    synchronized List<String> texts() {
        return sent.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** Every message as a string: text as is, binary as {@code bin:<utf-8>} (tests send readable chunks). */
    synchronized List<String> transcript() {
        return sent.stream()
                .map(m -> m instanceof byte[] b ? "bin:" + new String(b, StandardCharsets.UTF_8) : (String) m)
                .toList();
    }

    /** The data chunks received, in order, as text (heartbeats and errors left out). */
    synchronized List<String> chunks() {
        return binaries().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    synchronized List<LiveClose> closes() {
        return List.copyOf(closes);
    }

    /** The close, when there was exactly one, or null. */
    synchronized LiveClose closed() {
        return closes.isEmpty() ? null : closes.get(0);
    }
}
