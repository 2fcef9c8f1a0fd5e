package io.wsingest.uploadapi;

import static io.wsingest.uploadapi.UploadApiClient.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.ServerLog;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.TextPages;
import io.wsingest.testing.Unique;

/**
 * Recovery over real sockets: a socket that reconnects with {@code since} and {@code epoch} gets the events it missed,
 * in order, with their seq, then live ones; or {@code recovered: false} when the history cannot tell it everything.
 * The history keeps 100 events per user here and is pruned every second.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class UploadApiRecoveryIT {

    private static final int MAX_EVENTS = 100;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings("wsingest.events.history.max-events=" + MAX_EVENTS,
                "wsingest.events.history.prune-interval-seconds=1");
    }

    @ArquillianResource
    URL url;

    private UploadApiClient connect(String user, String path) throws Exception {
        return UploadApiClient.connect(new TestServer(url), path, user);
    }

    private UploadApiClient connect(String user) throws Exception {
        return connect(user, "ws/core/upload/");
    }

    /** A processed upload of a tiny image (its OCR finds no text): three events, the last of them known. */
    private static String processedUpload(UploadApiClient client) throws Exception {
        String id = client.create(TestImages.png(24, 16, System.nanoTime())).getJsonObject("instance").getString("id");
        assertEquals("processed", client.finalStatus(id).getString("status"));
        return id;
    }

    private static String correct(String id, String text) {
        return "{\"type\":\"update\",\"instance_id\":\"" + id + "\",\"data\":{\"processed_text\":\"" + text + "\"}}";
    }

    @Test
    void aSocketThatReconnectsGetsTheEventsItMissedInOrderThenLiveOnes() throws Exception {
        String user = Unique.name("recovery");
        byte[] page = TestImages.encode(TextPages.page(TextPages.THREE_PARAGRAPHS.subList(0, 2), System.nanoTime()),
                "png");
        try (UploadApiClient author = connect(user); UploadApiClient witness = connect(user)) {
            JsonObject left;
            try (UploadApiClient portal = connect(user)) {
                left = portal.subscribe();
            }
            // Three changes while the portal is away: a create whose OCR job runs, a correction, a deletion.
            String id = author.create(page).getJsonObject("instance").getString("id");
            assertEquals("processed", author.finalStatus(id).getString("status"));
            author.command(correct(id, "corrected"), "Upload.updated");
            author.command("{\"type\":\"delete\",\"instance_id\":\"" + id + "\"}", "Upload.deleted");
            List<JsonObject> live = witness.eventsUntilDeleted();
            for (int i = 1; i < live.size(); i++) {
                assertEquals(seq(live.get(i - 1)) + 1, seq(live.get(i)), "one more than the last: " + live.get(i));
            }

            try (UploadApiClient portal = connect(user)) {
                UploadApiClient.Subscription caughtUp = portal.subscribe(seq(left), left.getString("epoch"));

                assertTrue(caughtUp.recovered(), caughtUp.reply()::toString);
                assertEquals(left.getString("epoch"), caughtUp.reply().getString("epoch"));
                assertEquals(UploadApiClient.asSent(UploadApiClient.asKeptInHistory(live)), caughtUp.replayedAsSent(),
                        "the events the witness heard live, but for streamed_text growth replaced by a later one");
                assertEquals(seq(left) + 1, seq(caughtUp.replayed().get(0)));
                assertEquals(seq(live.get(live.size() - 1)), seq(caughtUp.reply()));

                String next = author.create(TestImages.png(24, 16, System.nanoTime())).getJsonObject("instance")
                        .getString("id");
                JsonObject created = portal.next();
                assertEquals("Upload.created", created.getString("type"));
                assertEquals(next, created.getJsonObject("instance").getString("id"));
                assertEquals(seq(caughtUp.reply()) + 1, seq(created), "live events continue the stream");
            }
        }
    }

    @Test
    void aSinceOlderThanTheHistoryIsNotRecovered() throws Exception {
        String user = Unique.name("pruned");
        try (UploadApiClient author = connect(user)) {
            String epoch = author.subscribe().getString("epoch");
            String id = processedUpload(author);
            for (int i = 0; i < MAX_EVENTS + 10; i++) {
                author.command(correct(id, "text " + i), "Upload.updated");
            }
            long latest = seq(author.subscribe());
            try (UploadApiClient portal = connect(user)) {
                // The pruner runs every second: wait for it, with a deadline.
                Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
                UploadApiClient.Subscription fromStart = portal.subscribe(0, epoch);
                while (fromStart.recovered() && Instant.now().isBefore(deadline)) {
                    fromStart = portal.subscribe(0, epoch);
                }
                assertFalse(fromStart.recovered(), "the first events are still kept after 30 s");
                assertEquals(List.of(), fromStart.replayed());
                assertEquals(latest, seq(fromStart.reply()));

                UploadApiClient.Subscription recent = portal.subscribe(latest - 5, epoch);
                assertTrue(recent.recovered());
                assertEquals(LongStream.rangeClosed(latest - 4, latest).boxed().toList(),
                        recent.replayed().stream().map(UploadApiClient::seq).toList());

                UploadApiClient.Subscription ahead = portal.subscribe(latest + 1, epoch);
                assertFalse(ahead.recovered(), "a seq the stream has not reached belongs to another history");
                assertEquals(List.of(), ahead.replayed());
            }
        }
    }

    @Test
    void aWrongEpochIsNotRecovered() throws Exception {
        String user = Unique.name("epoch");
        try (UploadApiClient author = connect(user)) {
            String epoch = author.subscribe().getString("epoch");
            processedUpload(author);
            long latest = seq(author.subscribe());

            try (UploadApiClient portal = connect(user)) {
                UploadApiClient.Subscription other = portal.subscribe(0, "0" + epoch);
                assertFalse(other.recovered());
                assertEquals(List.of(), other.replayed());
                assertEquals(epoch, other.reply().getString("epoch"));
                assertEquals(latest, seq(other.reply()));
            }
        }
    }

    @Test
    void aPerUploadSocketGetsOnlyItsUploadsEvents() throws Exception {
        String user = Unique.name("one-upload");
        try (UploadApiClient author = connect(user)) {
            String first = processedUpload(author);
            String second = processedUpload(author);
            JsonObject left = author.subscribe();
            author.command(correct(first, "a"), "Upload.updated");
            author.command(correct(second, "b"), "Upload.updated");
            author.command(correct(first, "c"), "Upload.updated");

            try (UploadApiClient watcher = connect(user, "ws/core/upload/" + first + "/")) {
                UploadApiClient.Subscription caughtUp = watcher.subscribe(seq(left), left.getString("epoch"));
                assertTrue(caughtUp.recovered());
                assertEquals(List.of(seq(left) + 1, seq(left) + 3),
                        caughtUp.replayed().stream().map(UploadApiClient::seq).toList());
                assertEquals(List.of("a", "c"), caughtUp.replayed().stream()
                        .map(event -> event.getJsonObject("instance").getString("processed_text")).toList());
                assertTrue(caughtUp.replayed().stream()
                        .allMatch(event -> event.getJsonObject("instance").getString("id").equals(first)));
                assertEquals(seq(left) + 3, seq(caughtUp.reply()));
            }
        }
    }

    /**
     * Sockets of new users open at once, and each needs its user's stream row: it is made once per user (every socket
     * is told the same epoch), and no insert of it fails (the provider logged each failed one as an error).
     */
    @Test
    void aNewUsersSocketsOpeningAtOnceMakeItsStreamOnce() throws Exception {
        int users = 5;
        int sockets = 8;
        ServerLog log = ServerLog.mark();
        ExecutorService pool = Executors.newFixedThreadPool(sockets);
        List<UploadApiClient> portals = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int u = 0; u < users; u++) {
                String user = Unique.name("first");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<JsonObject>> replies = new ArrayList<>();
                for (int i = 0; i < sockets; i++) {
                    replies.add(pool.submit(() -> {
                        start.await();
                        UploadApiClient portal = connect(user);
                        portals.add(portal);
                        return portal.subscribe();
                    }));
                }
                start.countDown();
                Set<String> epochs = new HashSet<>();
                for (Future<JsonObject> reply : replies) {
                    epochs.add(reply.get(1, TimeUnit.MINUTES).getString("epoch"));
                }
                assertEquals(1, epochs.size(), "one stream: " + epochs);
            }
            List<String> failedInserts = log.newLines().stream()
                    .filter(line -> line.toLowerCase(Locale.ROOT).contains("event_streams")).toList();
            assertEquals(List.of(), failedInserts);
        } finally {
            pool.shutdownNow();
            for (UploadApiClient portal : portals) {
                portal.close();
            }
        }
    }

    @Test
    void changesDuringTheReplayArriveOnceEachAndInOrder() throws Exception {
        String user = Unique.name("concurrent");
        int missed = 40;
        int duringReplay = 40;
        try (UploadApiClient author = connect(user)) {
            String id = processedUpload(author);
            JsonObject left = author.subscribe();
            for (int i = 0; i < missed; i++) {
                author.command(correct(id, "missed " + i), "Upload.updated");
            }
            long last = seq(left) + missed + duringReplay;
            // Opened now, it receives no events: the only changes from here on are its own, answered by replies.
            UploadApiClient other = connect(user);

            CompletableFuture<Void> changes = new CompletableFuture<>();
            other.command(correct(id, "during 0"), "Upload.updated");
            Thread changer = new Thread(() -> {
                try {
                    for (int i = 1; i < duringReplay; i++) {
                        other.command(correct(id, "during " + i), "Upload.updated");
                    }
                    changes.complete(null);
                } catch (Exception | AssertionError e) {
                    changes.completeExceptionally(e);
                }
            });
            changer.start();
            try (UploadApiClient portal = connect(user)) {
                UploadApiClient.Subscription caughtUp = portal.subscribe(seq(left), left.getString("epoch"));
                assertTrue(caughtUp.recovered());
                long reported = seq(caughtUp.reply());
                assertTrue(caughtUp.replayed().stream().allMatch(event -> seq(event) <= reported));
                List<JsonObject> after = reported < last ? portal.eventsThrough(last) : List.of();
                assertTrue(after.stream().allMatch(event -> seq(event) > reported));

                List<Long> received = new ArrayList<>();
                caughtUp.replayed().forEach(event -> received.add(seq(event)));
                after.forEach(event -> received.add(seq(event)));
                assertEquals(LongStream.rangeClosed(seq(left) + 1, last).boxed().toList(), received,
                        "every event once, in order, around the reply with seq " + reported);
            } finally {
                changes.get();
                other.close();
            }
        }
    }
}
