package io.wsingest.websocket;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The one outbound path of a WebSocket session for messages produced on other threads (event delivery, fan-out).
 * Messages are sent asynchronously and strictly one after another, because a WebSocket session allows only one
 * send in flight. The queue is bounded in bytes: a peer that does not read fast enough overflows it, the outbox
 * refuses further messages and reports the overflow once, and the owner decides how to disconnect. Senders never
 * block. {@link #closeAfterSending} lets a last message go out before the connection is closed.
 */
public final class Outbox {

    /** How an outbox puts a message on the wire; {@code done} is called once with null or the failure. */
    public interface Transport {
        void sendText(String text, Consumer<Throwable> done);

        void sendBinary(ByteBuffer data, Consumer<Throwable> done);
    }

    private sealed interface Message permits Text, Binary {
        long size();
    }

    private record Text(String text) implements Message {
        @Override
        public long size() {
            // UTF-16 length is a cheap upper bound for the UTF-8 size of most text; exactness does not matter here.
            return text.length();
        }
    }

    private record Binary(ByteBuffer data) implements Message {
        @Override
        public long size() {
            return data.remaining();
        }
    }

    private final Transport transport;
    private final long maxQueuedBytes;
    private final Runnable onOverflow;

    private final Deque<Message> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean sending;
    private boolean closed;
    private boolean closing;
    private Runnable afterSending;

    /**
     * @param maxQueuedBytes the most bytes waiting to be sent (the message in flight not counted)
     * @param onOverflow     called once, outside the outbox's lock, when a message did not fit
     */
    public Outbox(Transport transport, long maxQueuedBytes, Runnable onOverflow) {
        this.transport = transport;
        this.maxQueuedBytes = maxQueuedBytes;
        this.onOverflow = onOverflow;
    }

    /** Queues a text message; false when the outbox is closed or full. */
    public boolean offerText(String text) {
        return offer(new Text(text));
    }

    /** Queues a binary message; the buffer must not be changed afterwards (share read-only views). */
    public boolean offerBinary(ByteBuffer data) {
        return offer(new Binary(data));
    }

    /** Drops everything queued and refuses further messages; the message in flight completes. */
    public void close() {
        synchronized (this) {
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
    }

    /**
     * Refuses further messages, lets the ones already queued go out, then runs {@code then} once: at once when
     * nothing is being sent, otherwise when the last send completes or fails. Typically {@code then} closes the
     * session, so that a last message is not cut off by the close. Later calls do nothing.
     */
    public void closeAfterSending(Runnable then) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            closed = true;
            if (sending) {
                afterSending = then;
                return;
            }
        }
        then.run();
    }

    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    private boolean offer(Message message) {
        Message toSend;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (sending && queuedBytes + message.size() > maxQueuedBytes) {
                closed = true;
                queue.clear();
                queuedBytes = 0;
                toSend = null;
            } else if (sending) {
                queue.addLast(message);
                queuedBytes += message.size();
                return true;
            } else {
                sending = true;
                toSend = message;
            }
        }
        if (toSend == null) {
            onOverflow.run();
            return false;
        }
        send(toSend);
        return true;
    }

    private void send(Message message) {
        try {
            if (message instanceof Text text) {
                transport.sendText(text.text(), this::sent);
            } else if (message instanceof Binary binary) {
                transport.sendBinary(binary.data(), this::sent);
            }
        } catch (RuntimeException e) {
            sent(e);
        }
    }

    private void sent(Throwable failure) {
        Message next;
        Runnable then = null;
        synchronized (this) {
            if (failure != null) {
                // The connection is broken; its close handling cleans up. Nothing more can be sent.
                closed = true;
                queue.clear();
                queuedBytes = 0;
            }
            next = queue.pollFirst();
            if (next == null) {
                sending = false;
                then = afterSending;
                afterSending = null;
            } else {
                queuedBytes -= next.size();
            }
        }
        if (next != null) {
            send(next);
        } else if (then != null) {
            then.run();
        }
    }
}
