package io.wsingest.live;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.wsingest.relay.ChannelBusyException;
import io.wsingest.storage.Sha256;

/**
 * One channel's state: its stream (publisher), its receivers, the receivers waiting for a publisher, and its cache.
 * Every method holds the channel's lock for bookkeeping only and returns what the caller must then do (queue
 * chunks, close connections) outside it. An unused channel retires itself (the relay forgets it); a retired channel
 * is never used again, and callers that find one look the name up anew.
 */
final class LiveChannel {

    /** A receiver joining the stream with the cached chunks it must get first. */
    record Attach(LiveReceiver receiver, List<ByteBuffer> snapshot) {
    }

    /** What a publisher's arrival does to the receivers that were waiting. */
    record Started(List<Attach> attached, List<LiveReceiver> refused) {
    }

    /** What a receiver's arrival comes to. */
    sealed interface Join {
        /** No publisher yet: it waits. */
        record Waiting() implements Join {
        }

        /** It joins the stream. */
        record Attached(Attach attach) implements Join {
        }

        /** Its key is not the stream's. */
        record WrongKey() implements Join {
        }

        /** The channel retired meanwhile: look it up again. */
        record Retired() implements Join {
        }
    }

    private static final LiveReceiver[] NONE = new LiveReceiver[0];

    final String name;
    private final Consumer<LiveChannel> onRetired;
    private final GopCache cache;
    private final LongAdder totalBytesOut;

    private LiveStream stream;
    private LiveReceiver[] receivers = NONE;
    private final List<LiveReceiver> waiting = new ArrayList<>();
    private boolean retired;

    /**
     * @param cacheBudget   the budget of every channel's cache together, which this one's chunks count against
     * @param onRetired     told once, under the channel's lock, when the channel retires
     * @param totalBytesOut the relay's count of bytes handed to receivers, which this channel's add to
     */
    LiveChannel(String name, long cacheBytes, CacheBudget cacheBudget, Consumer<LiveChannel> onRetired,
            LongAdder totalBytesOut) {
        this.name = name;
        this.cache = new GopCache(cacheBytes, cacheBudget);
        this.onRetired = onRetired;
        this.totalBytesOut = totalBytesOut;
    }

    /**
     * The publisher arrives: "one publisher per channel". Waiting receivers with the stream's key (or an already
     * verified one) join it; the others are refused, as the original server refuses them when the publisher comes.
     *
     * @return null when the channel retired meanwhile
     */
    synchronized Started start(LiveStream newStream) throws ChannelBusyException {
        if (retired) {
            return null;
        }
        if (stream != null) {
            throw new ChannelBusyException(name);
        }
        stream = newStream;
        cache.reset();
        List<Attach> attached = new ArrayList<>();
        List<LiveReceiver> refused = new ArrayList<>();
        for (LiveReceiver receiver : waiting) {
            if (mayReceive(receiver)) {
                attached.add(attach(receiver));
            } else {
                refused.add(receiver);
            }
        }
        waiting.clear();
        return new Started(attached, refused);
    }

    /** A receiver arrives: it waits for a publisher, or joins the stream with the cache first. */
    synchronized Join join(LiveReceiver receiver) {
        if (retired) {
            return new Join.Retired();
        }
        if (stream == null) {
            waiting.add(receiver);
            return new Join.Waiting();
        }
        if (!mayReceive(receiver)) {
            return new Join.WrongKey();
        }
        return new Join.Attached(attach(receiver));
    }

    /**
     * Another node pulls the stream {@code streamId}: it joins as a receiver with the cache first, or not at all when
     * that stream is no longer the channel's (it ended, or another began) and the pull must end.
     *
     * @return null when the stream is not current
     */
    synchronized Attach joinStream(LiveReceiver receiver, String streamId) {
        if (retired || stream == null || !stream.streamId.equals(streamId)) {
            return null;
        }
        return attach(receiver);
    }

    /** Whether the cache would take a chunk of this cost now (a hint, read without the lock). */
    boolean cacheWants(long cost) {
        return cache.wants(cost);
    }

    /** The bytes this channel's cache counts against the budget (read without the lock). */
    long cacheCost() {
        return cache.accountedBytes();
    }

    /**
     * A chunk of the stream: into the cache; the receivers to hand it to, or null if the stream is not current (then
     * the caller still holds its reservation).
     *
     * @param reserved whether the chunk's cost was reserved in the cache budget (see {@link GopCache#add})
     */
    synchronized LiveReceiver[] append(LiveStream from, ByteBuffer chunk, boolean reserved) {
        if (stream != from) {
            return null;
        }
        cache.add(chunk, reserved);
        return receivers;
    }

    /** Drops the cache's oldest chunks until at least {@code bytes} are freed (or it is empty); returns the freed. */
    synchronized long trimCache(long bytes) {
        return cache.trimOldest(bytes);
    }

    /** The stream ends: the receivers to close, or null if it was not current. The cache goes with the stream. */
    synchronized LiveReceiver[] end(LiveStream ending) {
        if (stream != ending) {
            return null;
        }
        stream = null;
        LiveReceiver[] ended = receivers;
        receivers = NONE;
        cache.reset();
        retireIfUnused();
        return ended;
    }

    /** Receivers leave (closed, cut off, probe done). */
    synchronized void remove(List<LiveReceiver> leaving) {
        waiting.removeAll(leaving);
        List<LiveReceiver> kept = new ArrayList<>(Arrays.asList(receivers));
        if (kept.removeAll(leaving)) {
            receivers = kept.toArray(NONE);
        }
        retireIfUnused();
    }

    synchronized boolean isPublishing() {
        return stream != null;
    }

    synchronized LiveStream stream() {
        return stream;
    }

    /** The channel as the figures and the administration API show it. */
    synchronized ChannelState state() {
        if (stream == null) {
            return new ChannelState(name, false, null, null, null, 0, waiting.size(), 0, 0, 0, 0, 0, 0,
                    cache.isEnabled());
        }
        return new ChannelState(name, true, stream.streamId, stream.origin, stream.startedAt, receivers.length,
                waiting.size(), stream.bytesIn.get(), stream.bytesOut.sum(), stream.bitRateIn(), stream.bitRateOut(),
                cache.dataBytes(), cache.chunkCount(), cache.isEnabled());
    }

    private boolean mayReceive(LiveReceiver receiver) {
        return receiver.keyVerified || Sha256.matches(stream.receiverKeyHash, receiver.keyHash);
    }

    /**
     * Under the lock: the receiver's snapshot and its place among the receivers. A probe takes only the oldest cached
     * chunk and, when it gets one, needs no place. {@code receive-clear-cache} empties the cache after taking its
     * snapshot and keeps it off for the rest of the stream, as the original server does.
     */
    private Attach attach(LiveReceiver receiver) {
        List<ByteBuffer> snapshot = receiver.kind == ConnectionKind.PROBE
                ? cache.oldest().map(List::of).orElse(List.of())
                : cache.snapshot();
        if (receiver.kind == ConnectionKind.RECEIVE_CLEAR_CACHE) {
            cache.clearAndDisable();
        }
        LiveStream current = stream;
        receiver.startAttaching(n -> {
            current.bytesOut.add(n);
            totalBytesOut.add(n);
        });
        if (!(receiver.kind == ConnectionKind.PROBE && !snapshot.isEmpty())) {
            LiveReceiver[] more = Arrays.copyOf(receivers, receivers.length + 1);
            more[receivers.length] = receiver;
            receivers = more;
        }
        return new Attach(receiver, snapshot);
    }

    private void retireIfUnused() {
        if (stream == null && receivers.length == 0 && waiting.isEmpty()) {
            retired = true;
            onRetired.accept(this);
        }
    }
}
