package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.StringReader;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import io.wsingest.events.EventSubscriber;
import io.wsingest.events.SessionRegistry;

/**
 * A user's events inside the server, as a session of theirs would receive them, for in-container tests. Waits are
 * bounded; {@link #close()} unregisters.
 */
final class UserEvents implements AutoCloseable {

    static final long WAIT_SECONDS = 20;

    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    private final SessionRegistry registry;
    private final String owner;
    private final EventSubscriber subscriber = new EventSubscriber() {
        @Override
        public boolean accepts(String uploadId) {
            return true;
        }

        @Override
        public boolean deliver(String json) {
            return events.add(Json.createReader(new StringReader(json)).readObject());
        }
    };

    private UserEvents(SessionRegistry registry, String owner) {
        this.registry = registry;
        this.owner = owner;
    }

    static UserEvents listen(SessionRegistry registry, String owner) {
        UserEvents events = new UserEvents(registry, owner);
        registry.register(owner, events.subscriber);
        return events;
    }

    /** The next event, within {@link #WAIT_SECONDS}. */
    JsonObject next() throws InterruptedException {
        JsonObject event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "no event for " + owner + " within " + WAIT_SECONDS + " s");
        return event;
    }

    /** The next {@code Upload.status} event of the upload that is not {@code processing}. */
    JsonObject finalStatus(String id) throws InterruptedException {
        while (true) {
            JsonObject event = next();
            if ("Upload.status".equals(event.getString("type")) && id.equals(event.getString("id", null))
                    && !"processing".equals(event.getString("status"))) {
                return event;
            }
        }
    }

    /** The final status of each of the uploads, whatever order their events come in. */
    Map<String, String> finalStatuses(Collection<String> ids) throws InterruptedException {
        Map<String, String> statuses = new HashMap<>();
        while (statuses.size() < ids.size()) {
            JsonObject event = next();
            String id = event.getString("id", null);
            if ("Upload.status".equals(event.getString("type")) && id != null && ids.contains(id)
                    && !"processing".equals(event.getString("status"))) {
                statuses.put(id, event.getString("status"));
            }
        }
        return statuses;
    }

    @Override
    public void close() {
        registry.unregister(owner, subscriber);
    }
}
