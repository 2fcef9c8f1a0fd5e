package io.wsingest.live;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.wsingest.logging.LogText;

/**
 * What operators read about the relay: each stream's start and end (INFO, with channel, stream id, publisher,
 * duration and bytes) and every refused connection (INFO, with channel, kind, address and the reason). Keys are
 * never logged. A stream's end goes on to {@code streamEnds} too (the coordinator, in callback mode).
 */
final class LiveLog implements LiveRelay.Events {

    private static final Logger LOG = Logger.getLogger(LiveLog.class.getPackageName());

    private final BiConsumer<LiveRelay.LiveStreamInfo, Duration> streamEnds;

    LiveLog(BiConsumer<LiveRelay.LiveStreamInfo, Duration> streamEnds) {
        this.streamEnds = streamEnds;
    }

    @Override
    public void streamStarted(LiveRelay.LiveStreamInfo stream) {
        LOG.info(() -> "Live stream started: channel " + LogText.escape(stream.channel()) + ", stream "
                + stream.streamId()
                + ", publisher " + publisher(stream));
    }

    @Override
    public void streamEnded(LiveRelay.LiveStreamInfo stream, Duration duration) {
        LOG.info(() -> "Live stream ended: channel " + LogText.escape(stream.channel()) + ", stream "
                + stream.streamId()
                + ", publisher " + publisher(stream) + ", duration " + duration.toMillis() / 1000.0 + " s, "
                + stream.bytesIn() + " bytes in, " + stream.bytesOut() + " bytes out");
        streamEnds.accept(stream, duration);
    }

    @Override
    public void refused(String channel, ConnectionKind kind, String address, LiveRefusal refusal) {
        Level level = refusal.close() == LiveClose.INTERNAL_ERROR ? Level.WARNING : Level.INFO;
        if (!LOG.isLoggable(level)) {
            return;
        }
        String message = "Refused live connection from " + (address == null ? "an unknown address" : address)
                + (channel == null ? "" : " to " + kind.wire() + " on channel " + LogText.escape(channel)) + ": "
                + LogText.escape(refusal.getMessage());
        if (refusal.getCause() != null) {
            LOG.log(level, message, refusal.getCause());
        } else {
            LOG.log(level, message);
        }
    }

    @Override
    public void cutOff(String channel, ConnectionKind kind, String address, LiveClose why) {
        LOG.info(() -> "Closed " + (kind == null ? "connection" : kind.wire()) + " on channel "
                + LogText.escape(channel) + " from "
                + (address == null ? "an unknown address" : address) + ": " + why.reason());
    }

    private static String publisher(LiveRelay.LiveStreamInfo stream) {
        return (stream.internal() ? "internal " : "") + LogText.escape(stream.publisher());
    }
}
