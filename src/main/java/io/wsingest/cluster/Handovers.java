package io.wsingest.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Takes work over from another node. A holder that is alive lets go at its next renewal (or sooner, at its next
 * progress record) once asked; one that died stops renewing, and its lease runs out within the lease duration. So
 * a claim is tried again until it succeeds or a lease duration and a renewal period have passed, which only a holder
 * that is alive but cannot reach the database, or a clock far off, would cause.
 */
@ApplicationScoped
public class Handovers {

    /** How often a claim is tried again while another node holds the work: a handover costs at most this much more. */
    private static final Duration RETRY = Duration.ofMillis(200);

    @Inject
    ClusterSettings settings;

    @Inject
    ThisNode node;

    private final Clock clock = Clock.systemUTC();

    /**
     * Tries {@code attempt} until the work is taken or unavailable.
     *
     * @return the work, or empty when it is unavailable
     * @throws HeldElsewhereException when another node still held it after the wait
     */
    public <T> Optional<T> claim(Supplier<LeaseClaim<T>> attempt) throws HeldElsewhereException {
        Instant giveUp = clock.instant().plus(settings.leaseDuration()).plus(settings.renewalPeriod());
        while (true) {
            LeaseClaim<T> claim = attempt.get();
            if (claim instanceof LeaseClaim.Taken<T> taken) {
                return Optional.of(taken.work());
            }
            if (claim instanceof LeaseClaim.Unavailable<T>) {
                return Optional.empty();
            }
            if (clock.instant().isAfter(giveUp)) {
                throw new HeldElsewhereException();
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HeldElsewhereException();
            }
        }
    }

    /** The lease this node takes now: {@link ThisNode#leaseOwner()} until a lease duration from now. */
    public Lease newLease() {
        return new Lease(node.leaseOwner(), settings.leaseEnd(clock.instant()));
    }

    /** A holder's lease whose owner is an earlier run of this node: dead, whatever its expiry says. */
    public boolean isDead(String owner) {
        return node.isEarlierRun(owner);
    }
}
