package io.wsingest.relay;

/**
 * The port through which a protocol relays a stream to live receivers. The live streaming relay (protocol E)
 * implements it; a protocol that relays (A, for {@code saveMedia=false}) injects it and never sees the relay itself.
 */
public interface StreamRelay {

    /** Channels only the application publishes on: a project's upload stream goes to {@code project-{ProjectId}}. */
    String PROJECT_CHANNEL_PREFIX = "project-";

    /** The channel a project's upload stream is relayed to. */
    static String projectChannel(String projectId) {
        return PROJECT_CHANNEL_PREFIX + projectId;
    }

    /**
     * Publishes a stream on {@code channel}, with the same cache and fan-out as a WebSocket publisher.
     *
     * @param origin who publishes, for the log and the administration API (e.g. {@code upload 42 by alice})
     * @throws ChannelBusyException     when the channel already has a publisher
     * @throws IllegalArgumentException when the channel name is not valid
     */
    Publication publish(String channel, String origin) throws ChannelBusyException;
}
