package io.wsingest.live;

/** A key policy's decision about one connection. */
public sealed interface KeyCheck {

    /**
     * The connection may go on.
     *
     * @param streamId    for a publisher, the stream id the coordinator gave, or null to generate one
     * @param keyVerified for a receiver, true when its key was checked already (static keys), false when it must
     *                    match the stream's key
     */
    record Accepted(String streamId, boolean keyVerified) implements KeyCheck {
    }

    /** The connection is refused with {@code close}; {@code detail} is for the log only, never for the client. */
    record Refused(LiveClose close, String detail) implements KeyCheck {
    }
}
