package io.wsingest.health;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * One component the application needs, probed for MicroProfile Health and for the public {@code /health}. Probes run
 * on every request (load balancers ask every few seconds), so the log hears only of changes: the first failure with
 * its cause, and the recovery.
 */
public abstract class ComponentCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(ComponentCheck.class.getName());

    /** Assumed up at start, so that a component that is down from the beginning is logged once. */
    private final AtomicBoolean wasUp = new AtomicBoolean(true);

    /** The check's name in every answer: {@code database}, {@code broker}, {@code storage}, {@code ocr}. */
    public abstract String name();

    /** Probes the component once; an exception means down, and its text goes only to the log. */
    protected abstract ProbeResult probe() throws Exception;

    /** Probes, and logs when the component went down or came back. */
    public ProbeResult result() {
        ProbeResult result;
        Exception cause = null;
        try {
            result = probe();
        } catch (Exception e) {
            result = ProbeResult.FAILED;
            cause = e;
        }
        boolean before = wasUp.getAndSet(result.up());
        if (before && !result.up()) {
            LOG.log(Level.WARNING, "Health check " + name() + " is DOWN: " + result.detail(), cause);
        } else if (!before && result.up()) {
            LOG.info(() -> "Health check " + name() + " is UP again");
        }
        return result;
    }

    @Override
    public HealthCheckResponse call() {
        ProbeResult result = result();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name()).status(result.up());
        if (result.detail() != null) {
            response.withData("detail", result.detail());
        }
        return response.build();
    }
}
