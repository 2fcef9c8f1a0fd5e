package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The packets the server sends on its own, byte for byte as the protocol page shows them. */
class StreamRepliesTest {

    @Test
    void theShutdownPacketNamesTheStreamInProgressAndWhereItResumes() {
        Packet packet = Router.echo(StreamReplies.shuttingDown("q3Vd0mQ8yJ6m7c0bQm2bZrW1T9pXn4sA", 8388608),
                "/upload-file", "r-1");

        assertEquals("{\"headers\":{\"status\":11,\"error\":\"the server is shutting down; reconnect and resume the"
                + " stream\",\"x-stream-key\":\"q3Vd0mQ8yJ6m7c0bQm2bZrW1T9pXn4sA\",\"x-stream-offset\":\"8388608\","
                + "\"route\":\"/upload-file\",\"x-request-id\":\"r-1\"},\"payload\":null}", PacketCodec.encode(packet));
    }

    @Test
    void withoutAStreamTheShutdownPacketOnlySaysWhy() {
        assertEquals("{\"headers\":{\"status\":11,\"error\":\"the server is shutting down; reconnect\"},"
                + "\"payload\":null}", PacketCodec.encode(StreamReplies.shuttingDown(null, 0)));
    }
}
