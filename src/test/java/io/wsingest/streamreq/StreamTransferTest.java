package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.wsingest.streamreq.StreamTransfer.Pause;
import io.wsingest.streamreq.StreamTransfer.Reject;
import io.wsingest.streamreq.StreamTransfer.State;
import io.wsingest.streamreq.StreamTransfer.Write;

class StreamTransferTest {

    private static final Write WRITE = new Write(false, false);
    private static final Write CHECKPOINT = new Write(true, false);
    private static final Write COMPLETE = new Write(false, true);

    @Test
    void writesWholeMessagesUntilTheTotalAndThenCompletes() {
        StreamTransfer t = new StreamTransfer(10, 10, 4, 0, 1000);

        assertEquals(WRITE, t.onPart(4, true));
        assertEquals(WRITE, t.onPart(4, true));
        assertEquals(State.RECEIVING, t.state());
        assertEquals(COMPLETE, t.onPart(2, true));

        assertEquals(State.RECEIVED, t.state());
        assertEquals(10, t.held());
        assertEquals(0, t.missing());
    }

    @Test
    void acceptsMessagesInPartsUpToTheBuffer() {
        StreamTransfer t = new StreamTransfer(10, 10, 4, 0, 1000);

        assertEquals(WRITE, t.onPart(1, false));
        assertEquals(WRITE, t.onPart(2, false));
        assertEquals(WRITE, t.onPart(1, true));
        assertEquals(WRITE, t.onPart(3, false));
        assertEquals(WRITE, t.onPart(0, true));
        assertEquals(7, t.held());
    }

    @Test
    void completesOnlyAtTheEndOfAMessage() {
        StreamTransfer t = new StreamTransfer(4, 4, 4, 0, 1000);

        assertEquals(WRITE, t.onPart(4, false));
        assertEquals(State.RECEIVING, t.state());
        assertEquals(COMPLETE, t.onPart(0, true));
    }

    @Test
    void smallerMessagesThanTheBufferAreFine() {
        StreamTransfer t = new StreamTransfer(3, 3, 4096, 0, 1000);

        assertEquals(WRITE, t.onPart(1, true));
        assertEquals(WRITE, t.onPart(1, true));
        assertEquals(COMPLETE, t.onPart(1, true));
    }

    @Test
    void emptyMessagesChangeNothing() {
        StreamTransfer t = new StreamTransfer(3, 3, 4, 0, 1);

        assertEquals(WRITE, t.onPart(0, true));
        assertEquals(0, t.held());
    }

    @Test
    void pausesBeforeAMessageLargerThanTheBufferKeepingWhatCameBefore() {
        StreamTransfer t = new StreamTransfer(100, 100, 4, 0, 1000);
        t.onPart(4, true);

        assertEquals(new Pause(0, 4, 96, Status.STREAM_DATA_ERROR, "a binary message was larger than the agreed"
                + " buffer of 4 bytes; the stream holds the bytes before it"), t.onPart(5, true));
        assertEquals(State.PAUSED, t.state());
        assertEquals(4, t.held());
    }

    @Test
    void aMessageThatGrowsBeyondTheBufferInPartsIsDroppedWhole() {
        StreamTransfer t = new StreamTransfer(100, 100, 4, 0, 1000);
        t.onPart(4, true);

        assertEquals(WRITE, t.onPart(3, false));
        Pause pause = (Pause) t.onPart(2, true);

        assertEquals(Status.STREAM_DATA_ERROR, pause.status());
        assertEquals(0, pause.take());
        assertEquals(4, pause.keep());
        assertEquals(96, pause.missing());
        assertEquals(4, t.held(), "the part written of the dropped message is not held");
    }

    @Test
    void takesTheFirstBytesUpToTheLimitAndPauses() {
        StreamTransfer t = new StreamTransfer(20000, 12000, 4096, 0, 1 << 20);

        assertEquals(WRITE, t.onPart(4096, true));
        assertEquals(WRITE, t.onPart(4096, true));
        Pause pause = (Pause) t.onPart(4096, true);

        assertEquals(new Pause(3808, 12000, 8000, Status.STORAGE_EXHAUSTED, "the server took the 12000 bytes it"
                + " could hold of the stream's 20000; resume it when there is room"), pause);
        assertEquals(State.PAUSED, t.state());
        assertEquals(12000, t.held());
        assertEquals(8000, t.missing());
    }

    @Test
    void pausesWhenAMessageEndsExactlyAtTheLimit() {
        StreamTransfer t = new StreamTransfer(20000, 8192, 4096, 0, 1 << 20);

        assertEquals(WRITE, t.onPart(4096, true));
        assertEquals(WRITE, t.onPart(4096, false));
        assertEquals(new Pause(0, 8192, 11808, Status.STORAGE_EXHAUSTED, "the server took the 8192 bytes it could"
                + " hold of the stream's 20000; resume it when there is room"), t.onPart(0, true));
    }

    @Test
    void aResumedStreamTakenInPartCountsItsLimitFromTheStart() {
        StreamTransfer t = new StreamTransfer(20000, 12000, 4096, 10000, 1 << 20);

        assertEquals(new Pause(2000, 12000, 8000, Status.STORAGE_EXHAUSTED, "the server took the 12000 bytes it"
                + " could hold of the stream's 20000; resume it when there is room"), t.onPart(4096, true));
    }

    @Test
    void rejectsMoreBytesThanTheTotal() {
        StreamTransfer t = new StreamTransfer(6, 6, 4, 0, 1000);
        t.onPart(4, true);

        assertEquals(new Reject(Status.STREAM_DATA_ERROR, "more bytes arrived than the stream's total of 6", 2),
                t.onPart(3, true));
        assertEquals(State.FAILED, t.state());
    }

    @Test
    void asksForACheckpointEachTimeEnoughBytesArrived() {
        StreamTransfer t = new StreamTransfer(100, 100, 4, 0, 8);

        assertEquals(WRITE, t.onPart(4, true));
        assertEquals(CHECKPOINT, t.onPart(4, true));
        assertEquals(CHECKPOINT, t.onPart(4, true), "until the checkpoint is done, it is still due");
        t.checkpointed();
        assertEquals(12, t.durable());
        assertEquals(WRITE, t.onPart(4, true));
        assertEquals(CHECKPOINT, t.onPart(4, true));
    }

    @Test
    void checkpointsWaitForTheEndOfAMessage() {
        StreamTransfer t = new StreamTransfer(100, 100, 16, 0, 4);

        assertEquals(WRITE, t.onPart(8, false));
        assertEquals(CHECKPOINT, t.onPart(8, true));
    }

    @Test
    void completionNeedsNoCheckpointRequest() {
        StreamTransfer t = new StreamTransfer(8, 8, 8, 0, 4);

        assertEquals(COMPLETE, t.onPart(8, true));
    }

    @Test
    void aResumedStreamCountsFromItsOffset() {
        StreamTransfer t = new StreamTransfer(10, 10, 4, 6, 1000);

        assertEquals(6, t.durable());
        assertEquals(4, t.missing());
        assertEquals(COMPLETE, t.onPart(4, true));
    }

    @Test
    void aStreamWithNothingToReceiveStartsReceived() {
        assertEquals(State.RECEIVED, new StreamTransfer(0, 0, 4, 0, 1000).state());
        assertEquals(State.RECEIVED, new StreamTransfer(10, 10, 4, 10, 1000).state());
    }

    @Test
    void failureEndsTheStream() {
        StreamTransfer t = new StreamTransfer(10, 10, 4, 0, 1000);
        t.onPart(4, true);

        t.fail();

        assertEquals(State.FAILED, t.state());
        assertEquals(6, t.missing());
        assertThrows(IllegalStateException.class, () -> t.onPart(1, true));
    }

    @Test
    void nothingIsReceivedAfterCompletionOrRejection() {
        StreamTransfer received = new StreamTransfer(4, 4, 4, 0, 1000);
        received.onPart(4, true);
        StreamTransfer rejected = new StreamTransfer(4, 4, 8, 0, 1000);
        rejected.onPart(5, true);
        StreamTransfer paused = new StreamTransfer(8, 4, 4, 0, 1000);
        paused.onPart(4, true);

        assertThrows(IllegalStateException.class, () -> received.onPart(0, true));
        assertThrows(IllegalStateException.class, () -> rejected.onPart(1, true));
        assertThrows(IllegalStateException.class, () -> paused.onPart(1, true));
    }

    @Test
    void refusesImpossibleStreamsAndParts() {
        assertThrows(IllegalArgumentException.class, () -> new StreamTransfer(-1, -1, 4, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new StreamTransfer(10, 10, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new StreamTransfer(10, 10, 4, 11, 1));
        assertThrows(IllegalArgumentException.class, () -> new StreamTransfer(10, 10, 4, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new StreamTransfer(10, 10, 4, 0, 1).onPart(-1, true));
        assertThrows(IllegalArgumentException.class, () -> new StreamTransfer(10, 11, 4, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new StreamTransfer(10, 6, 4, 6, 1),
                "a stream taken in part has something left to take");
    }
}
