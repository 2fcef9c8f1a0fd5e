package io.wsingest.websocket;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Fires {@link ApplicationStopping} once each time the application's connections must go: when the server suspends
 * ({@link ServerSuspension}, WildFly) and when the application stops ({@link StopBeforeTheContainer}). A server
 * shutdown does both, one after the other: the first closes the connections, and the second would only log that it
 * closed none. A suspended server that resumes takes connections again; the next suspend or stop closes those.
 */
@ApplicationScoped
public class ApplicationStop {

    @Inject
    Event<ApplicationStopping> stopping;

    private final AtomicBoolean closed = new AtomicBoolean();

    /** Every protocol closes its connections with its shutdown close, unless they were closed for this stop already. */
    public void closeConnections() {
        if (closed.compareAndSet(false, true)) {
            stopping.fire(new ApplicationStopping());
        }
    }

    /** The server serves again after a suspend: the next stop closes the connections opened since. */
    public void reopen() {
        closed.set(false);
    }
}
