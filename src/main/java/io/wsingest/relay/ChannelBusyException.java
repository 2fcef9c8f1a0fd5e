package io.wsingest.relay;

/** The channel already has a publisher: "one publisher per channel". */
public class ChannelBusyException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChannelBusyException(String channel) {
        super("Channel " + channel + " is already being published");
    }
}
