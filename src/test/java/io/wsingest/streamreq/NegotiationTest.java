package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.wsingest.streamreq.Negotiation.Accept;
import io.wsingest.streamreq.Negotiation.Partial;
import io.wsingest.streamreq.Negotiation.Limits;
import io.wsingest.streamreq.Negotiation.Refuse;
import io.wsingest.streamreq.Negotiation.Room;

class NegotiationTest {

    private static final Limits LIMITS = new Limits(65536, 1_000_000);
    private static final Room PLENTY = new Room(Long.MAX_VALUE, Long.MAX_VALUE);

    private static Negotiation.Decision decide(long total, int buffer, long held, Room room) {
        return Negotiation.decide(new XStream.Offer(total, buffer), held, LIMITS, room);
    }

    @Test
    void acceptsAStreamThatFitsWithTheClientsBuffer() {
        assertEquals(new Accept(4096), decide(20000, 4096, 0, PLENTY));
    }

    @Test
    void acceptsAStreamThatExactlyFills() {
        assertEquals(new Accept(4096), decide(20000, 4096, 0, new Room(20000, 20000)));
    }

    @Test
    void lowersTheBufferToTheServersMaximum() {
        assertEquals(new Accept(65536), decide(20000, 1 << 20, 0, PLENTY));
    }

    @Test
    void acceptsAnEmptyStream() {
        assertEquals(new Accept(10), decide(0, 10, 0, new Room(0, 0)));
    }

    @Test
    void refusesATotalOverTheServersLimit() {
        assertEquals(new Refuse(Status.STREAM_REFUSED, "the stream's total of 1000001 bytes is over the server's"
                + " limit of 1000000"), decide(1_000_001, 4096, 0, PLENTY));
    }

    @Test
    void theLimitComesBeforeTheRoom() {
        assertEquals(Status.STREAM_REFUSED, ((Refuse) decide(1_000_001, 4096, 0, new Room(0, 0))).status());
    }

    @Test
    void takesWhatTheQuotaHasRoomFor() {
        assertEquals(new Partial(12000, 4096, "the user's storage quota has room for 12000 bytes"),
                decide(20000, 4096, 0, new Room(12000, Long.MAX_VALUE)));
    }

    @Test
    void takesWhatTheDiskHasRoomFor() {
        assertEquals(new Partial(15000, 65536, "the server's disk has room for 15000 bytes"),
                decide(20000, 100_000, 0, new Room(Long.MAX_VALUE, 15000)));
    }

    @Test
    void theTighterOfQuotaAndDiskDecides() {
        assertEquals(12000, ((Partial) decide(20000, 4096, 0, new Room(12000, 13000))).limit());
        assertEquals(11000, ((Partial) decide(20000, 4096, 0, new Room(12000, 11000))).limit());
    }

    @Test
    void refusesWithMinusOneWhenThereIsNoRoomAtAll() {
        assertEquals(new Refuse(Status.STORAGE_EXHAUSTED, "the user's storage quota has room for 0 bytes"),
                decide(20000, 4096, 0, new Room(0, Long.MAX_VALUE)));
        assertEquals(new Refuse(Status.STORAGE_EXHAUSTED, "the server's disk has room for 0 bytes"),
                decide(20000, 4096, 0, new Room(Long.MAX_VALUE, -5)));
    }

    @Test
    void aQuotaAlreadyOverspentCountsAsNoRoom() {
        assertEquals(Status.STORAGE_EXHAUSTED, ((Refuse) decide(20000, 4096, 0, new Room(-100, 0))).status());
    }

    @Test
    void onResumeTheDiskNeedsRoomOnlyForTheMissingBytes() {
        assertEquals(new Accept(4096), decide(20000, 4096, 15000, new Room(20000, 5000)));
        assertEquals(new Partial(19000, 4096, "the server's disk has room for 19000 bytes"),
                decide(20000, 4096, 15000, new Room(20000, 4000)));
    }

    @Test
    void onResumeNoRoomBeyondWhatIsHeldIsARefusal() {
        assertEquals(Status.STORAGE_EXHAUSTED, ((Refuse) decide(20000, 4096, 15000, new Room(20000, 0))).status());
    }

    @Test
    void aResumedStreamWithEveryByteHeldIsAccepted() {
        assertEquals(new Accept(4096), decide(20000, 4096, 20000, new Room(20000, 0)));
    }

    @Test
    void heldBytesMustBeWithinTheTotal() {
        assertThrows(IllegalArgumentException.class, () -> decide(100, 10, 101, PLENTY));
        assertThrows(IllegalArgumentException.class, () -> decide(100, 10, -1, PLENTY));
    }
}
