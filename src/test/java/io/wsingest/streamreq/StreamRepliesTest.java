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

    @Test
    void aStreamTakenInPartPausesWithWhatDidNotArriveAndWhereItResumes() {
        Packet packet = Router.echo(StreamReplies.paused("q3Vd0mQ8yJ6m7c0bQm2bZrW1T9pXn4sA", Status.STORAGE_EXHAUSTED,
                "the server took the 12000 bytes it could hold of the stream's 20000; resume it when there is room",
                8000, 12000), "/upload-file", "r-1");

        assertEquals("{\"headers\":{\"status\":5,\"error\":\"the server took the 12000 bytes it could hold of the"
                + " stream's 20000; resume it when there is room\",\"x-stream-key\":\"q3Vd0mQ8yJ6m7c0bQm2bZrW1T9pXn4sA\","
                + "\"x-stream\":\"8000:0\",\"x-stream-offset\":\"12000\",\"route\":\"/upload-file\","
                + "\"x-request-id\":\"r-1\"},\"payload\":null}", PacketCodec.encode(packet));
    }

    @Test
    void anAbandonedStreamIsAnsweredWithWhatNeverArrived() {
        Packet packet = Router.echo(StreamReplies.abandoned("q3Vd0mQ8yJ6m7c0bQm2bZrW1T9pXn4sA", 8000), "/upload-file",
                null);

        assertEquals("{\"headers\":{\"status\":0,\"x-stream-key\":\"q3Vd0mQ8yJ6m7c0bQm2bZrW1T9pXn4sA\","
                + "\"x-stream\":\"8000:0\",\"route\":\"/upload-file\"},\"payload\":null}",
                PacketCodec.encode(packet));
    }
}
