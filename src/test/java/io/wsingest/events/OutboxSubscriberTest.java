package io.wsingest.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wsingest.websocket.Outbox;

class OutboxSubscriberTest {

    private final List<String> sent = new ArrayList<>();
    private final List<long[]> gapsAsked = new ArrayList<>();
    /** The history the gaps are filled from: events 1 to 20 of alice, those of u1 and u2 alternating. */
    private final OutboxSubscriber.MissedEvents history = (user, after, before) -> {
        gapsAsked.add(new long[] {after, before});
        List<UploadEvent> events = new ArrayList<>();
        for (long seq = after + 1; seq < before && seq <= 20; seq++) {
            events.add(event(seq));
        }
        return events;
    };

    private final Outbox outbox = SessionRegistryTest.recordingOutbox(sent);

    private static UploadEvent event(long seq) {
        return new UploadEvent("alice", seq % 2 == 1 ? "u1" : "u2", "{\"n\":" + seq + "}").numbered(seq);
    }

    private static String json(long seq) {
        return "{\"n\":" + seq + ",\"seq\":" + seq + "}";
    }

    private OutboxSubscriber subscriber(String onlyUpload) {
        OutboxSubscriber subscriber = new OutboxSubscriber(outbox, onlyUpload, "s1", history, received -> { });
        subscriber.startAfter(4);
        return subscriber;
    }

    @Test
    void numbersAnEventAsTheLastFieldOfItsObject() {
        assertEquals("{\"type\":\"Upload.status\",\"seq\":7}",
                new UploadEvent("a", "u", "{\"type\":\"Upload.status\"}").numbered(7).json());
        assertEquals("{\"seq\":1}", new UploadEvent("a", "u", "{ }").numbered(1).json());
        assertThrows(IllegalArgumentException.class, () -> new UploadEvent("a", "u", "first").numbered(1));
    }

    @Test
    void sendsEventsAfterItsStartInOrderAndPassesOverOlderOnes() {
        OutboxSubscriber subscriber = subscriber(null);
        subscriber.receive(event(4));
        subscriber.receive(event(5));
        subscriber.receive(event(6));
        subscriber.receive(event(5));
        assertEquals(List.of(json(5), json(6)), sent);
        assertEquals(List.of(), gapsAsked);
    }

    @Test
    void fillsAGapFromTheHistoryBeforeTheEventAfterIt() {
        OutboxSubscriber subscriber = subscriber(null);
        subscriber.receive(event(8));
        // The events that took longer through the broker come after all: they were sent already.
        subscriber.receive(event(5));
        subscriber.receive(event(7));
        subscriber.receive(event(9));
        assertEquals(List.of(json(5), json(6), json(7), json(8), json(9)), sent);
        assertEquals(1, gapsAsked.size());
    }

    @Test
    void aPerUploadSubscriberCountsEveryEventOfTheUserButSendsOnlyItsUploads() {
        OutboxSubscriber subscriber = subscriber("u2");
        for (long seq = 5; seq <= 8; seq++) {
            subscriber.receive(event(seq));
        }
        assertEquals(List.of(json(6), json(8)), sent);
        assertEquals(List.of(), gapsAsked, "the other upload's events are no gap");
    }

    @Test
    void leavesOutTheEventsOfItsOwnCommands() {
        OutboxSubscriber subscriber = subscriber(null);
        subscriber.receive(new UploadEvent("alice", "u1", "{\"mine\":true}", "s1").numbered(5));
        subscriber.receive(event(6));
        assertEquals(List.of(json(6)), sent);
        assertEquals(List.of(), gapsAsked);
    }

    @Test
    void aReplayIsFollowedByTheReplyThenByTheLiveEventsHeldMeanwhileEachOnce() {
        OutboxSubscriber subscriber = subscriber(null);
        subscriber.receive(event(5));
        subscriber.hold();
        // Live events while the history is read: 6 and 7 are in the replay, 8 comes after the reply.
        subscriber.receive(event(7));
        subscriber.receive(event(6));
        subscriber.receive(event(8));
        assertEquals(List.of(json(5)), sent, "held");

        subscriber.answer(List.of(event(3), event(4), event(5), event(6), event(7)), 7, "reply");
        subscriber.receive(event(9));
        assertEquals(List.of(json(5), json(3), json(4), json(5), json(6), json(7), "reply", json(8), json(9)), sent);
    }

    @Test
    void withoutAReplayHeldEventsUpToTheReportedSeqPrecedeTheReply() {
        OutboxSubscriber subscriber = subscriber(null);
        subscriber.hold();
        subscriber.receive(event(5));
        subscriber.receive(event(6));
        subscriber.answer(null, 5, "reply");
        assertEquals(List.of(json(5), "reply", json(6)), sent);
    }

    @Test
    void eventsWaitFromTheStartUntilTheFirstCommandSoAFirstSubscribeCatchesUpExactly() {
        OutboxSubscriber subscriber = new OutboxSubscriber(outbox, null, "s1", history, received -> { });
        subscriber.holdUntilFirstCommand();
        subscriber.receive(event(4)); // before the position was read: older than it
        subscriber.startAfter(4);
        subscriber.receive(event(5));
        assertEquals(List.of(), sent);

        subscriber.hold();
        subscriber.releaseOpening(); // the start's deadline passes while the catch-up runs: it goes on holding
        subscriber.receive(event(6));
        assertEquals(List.of(), sent);
        subscriber.answer(List.of(event(3), event(4), event(5), event(6)), 6, "reply");
        assertEquals(List.of(json(3), json(4), json(5), json(6), "reply"), sent);
    }

    @Test
    void theStartsEventsGoBeforeTheReplyToAnotherFirstCommandOrAfterTheDeadline() {
        OutboxSubscriber subscriber = new OutboxSubscriber(outbox, null, "s1", history, received -> { });
        subscriber.holdUntilFirstCommand();
        subscriber.startAfter(4);
        subscriber.receive(event(5));
        subscriber.answer(null, Long.MAX_VALUE, "list");
        assertEquals(List.of(json(5), "list"), sent);

        sent.clear();
        OutboxSubscriber listener = new OutboxSubscriber(outbox, null, "s2", history, received -> { });
        listener.holdUntilFirstCommand();
        listener.startAfter(4);
        listener.receive(event(5));
        listener.releaseOpening();
        listener.receive(event(6));
        assertEquals(List.of(json(5), json(6)), sent);
    }

    @Test
    void eventsWithoutSeqGoOutAsTheyCome() {
        OutboxSubscriber subscriber = new OutboxSubscriber(outbox, null, null, history, received -> { });
        subscriber.startAfter(UploadEvent.NO_SEQ);
        subscriber.receive(new UploadEvent("alice", "u1", "a"));
        subscriber.receive(new UploadEvent("alice", "u1", "b"));
        assertEquals(List.of("a", "b"), sent);
        assertEquals(List.of(), gapsAsked);
    }
}
