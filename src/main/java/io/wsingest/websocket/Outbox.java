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
 * block.
 *
 * <p>An owner that ends the connection does it through the outbox too, so that the close never overtakes a message:
 * {@link #closeAfterQueued(Runnable)} lets the queue drain first, {@link #closeWith(String, Runnable)} drops it and
 * sends one last text (an error) after the message in flight.
 *
 * <p>A transport may complete a send before its send method returns (Undertow does when the socket takes the whole
 * frame at once); the outbox then sends the next message in a loop, never by recursion, so a long queue cannot
 * overflow the stack.
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
        /** The UTF-8 size: non-ASCII text counted by its UTF-16 length could queue up to three times the bound. */
        @Override
        public long size() {
            return MessageSize.of(text);
        }
    }

    private record Binary(ByteBuffer data) implements Message {
        @Override
        public long size() {
            return MessageSize.of(data);
        }
    }

    /** What follows a completed send: the next message, or nothing (then perhaps the owner's closing action). */
    private record Step(Message next, Runnable whenIdle) {
    }

    /** One send handed to the transport; its completion either continues the loop or starts a new one. */
    private final class Send implements Consumer<Throwable> {
        // Both guarded by the outbox.
        private boolean inTransportCall = true;
        private boolean completed;
        private Throwable failure;

        @Override
        public void accept(Throwable result) {
            Step step;
            synchronized (Outbox.this) {
                if (completed) {
                    return;
                }
                completed = true;
                failure = result;
                if (inTransportCall) {
                    // Completed before the transport call returned: the sending loop continues with the next message.
                    return;
                }
                step = afterSend(result);
            }
            proceed(step);
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
    private Runnable whenIdle;

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
     * Refuses further messages and runs {@code then} once every message already queued has been sent (or sending
     * failed). Only the first of {@code closeAfterQueued} and {@code closeWith} takes effect.
     */
    public void closeAfterQueued(Runnable then) {
        boolean now;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            closed = true;
            now = !sending;
            if (!now) {
                whenIdle = then;
            }
        }
        if (now) {
            then.run();
        }
    }

    /**
     * Drops everything queued, sends {@code text} after the message in flight, refuses further messages, and then
     * runs {@code then}, whether or not the text could be sent. Also after an overflow: that is how an owner tells a
     * slow peer why it is being disconnected. Only the first of {@code closeAfterQueued} and {@code closeWith} takes
     * effect.
     */
    public void closeWith(String text, Runnable then) {
        Message last = new Text(text);
        boolean now;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            closed = true;
            queue.clear();
            queuedBytes = 0;
            whenIdle = then;
            now = !sending;
            if (now) {
                sending = true;
            } else {
                queue.addLast(last);
                queuedBytes = last.size();
            }
        }
        if (now) {
            sendFrom(last);
        }
    }

    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    private boolean offer(Message message) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (!sending) {
                sending = true;
            } else if (queuedBytes + message.size() <= maxQueuedBytes) {
                queue.addLast(message);
                queuedBytes += message.size();
                return true;
            } else {
                closed = true;
                queue.clear();
                queuedBytes = 0;
                message = null;
            }
        }
        if (message == null) {
            onOverflow.run();
            return false;
        }
        sendFrom(message);
        return true;
    }

    /** Sends {@code first} and, as long as sends complete during the transport call, the messages after it. */
    private void sendFrom(Message first) {
        Message message = first;
        while (message != null) {
            Send send = new Send();
            try {
                if (message instanceof Text text) {
                    transport.sendText(text.text(), send);
                } else if (message instanceof Binary binary) {
                    transport.sendBinary(binary.data(), send);
                }
            } catch (RuntimeException e) {
                send.accept(e);
            }
            Step step;
            synchronized (this) {
                send.inTransportCall = false;
                if (!send.completed) {
                    return; // the transport completes it later, on its own thread
                }
                step = afterSend(send.failure);
            }
            if (step.whenIdle() != null) {
                step.whenIdle().run();
            }
            message = step.next();
        }
    }

    private void proceed(Step step) {
        if (step.whenIdle() != null) {
            step.whenIdle().run();
        }
        if (step.next() != null) {
            sendFrom(step.next());
        }
    }

    /** Under the lock: takes the next message, or goes idle and hands out the closing action. */
    private Step afterSend(Throwable failure) {
        if (failure != null) {
            // The connection is broken; its close handling cleans up. Nothing more can be sent.
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        Message next = queue.pollFirst();
        if (next != null) {
            queuedBytes -= next.size();
            return new Step(next, null);
        }
        sending = false;
        Runnable idle = whenIdle;
        whenIdle = null;
        return new Step(null, idle);
    }
}
