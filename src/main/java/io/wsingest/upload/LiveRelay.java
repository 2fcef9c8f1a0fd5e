package io.wsingest.upload;

import java.io.IOException;

/**
 * Where {@code saveMedia=false} uploads go: the live channels of protocol E ({@code project-{ProjectId}}), whose
 * receivers watch the stream as it arrives. The live streaming package implements this when it is deployed; until
 * then no implementation exists and such uploads are refused before the handshake.
 */
public interface LiveRelay {

    /** Starts publishing on the channel; the publication ends with {@link LivePublication#close()}. */
    LivePublication open(String channel) throws IOException;
}
