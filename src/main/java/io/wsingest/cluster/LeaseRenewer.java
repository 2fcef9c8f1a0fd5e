package io.wsingest.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.wsingest.concurrency.PeriodicTask;

/**
 * Renews the leases of this node's work every {@link ClusterSettings#renewalPeriod()}: one statement per kind of
 * work, whatever the number of connections and jobs. A holder that fails is logged and tried again next period; its
 * leases run out if it keeps failing, and the work passes to another node.
 */
@ApplicationScoped
public class LeaseRenewer {

    private static final Logger LOG = Logger.getLogger(LeaseRenewer.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ClusterSettings settings;

    @Inject
    ThisNode node;

    @Inject
    @Any
    Instance<LeaseHolder> holders;

    private final Clock clock = Clock.systemUTC();
    private PeriodicTask renewal;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        renewal = PeriodicTask.every(settings.renewalPeriod(), scheduler, LOG,
                () -> "Renewing the leases of node " + node.name(), this::renewAll);
    }

    @PreDestroy
    void stop() {
        if (renewal != null) {
            renewal.stop();
        }
    }

    private void renewAll() {
        Instant now = clock.instant();
        Instant until = settings.leaseEnd(now);
        for (LeaseHolder holder : holders) {
            try {
                holder.renewLeases(node.leaseOwner(), now, until);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not renew the leases of " + holder.name() + " on node " + node.name()
                        + "; trying again in " + settings.renewalPeriod().toMillis() + " ms", e);
            }
        }
    }
}
