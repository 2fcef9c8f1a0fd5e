package io.wsingest.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.Settings;

/**
 * Settings of running on several nodes ({@code wsingest.cluster.*}).
 *
 * @param leaseDuration how long a node's hold on an upload, a stream or an OCR job lasts without renewal: once a node
 *                      has died, its work is taken over at most this long after its last renewal
 */
public record ClusterSettings(Duration leaseDuration) implements Settings {

    static final String LEASE_SECONDS = "wsingest.cluster.lease-seconds";

    public ClusterSettings {
        Objects.requireNonNull(leaseDuration, "leaseDuration");
    }

    public static ClusterSettings from(ConfigReader r) {
        return new ClusterSettings(r.seconds(LEASE_SECONDS, 15, 3, 600));
    }

    /** When a lease taken or renewed at {@code now} runs out. */
    public Instant leaseEnd(Instant now) {
        return now.plus(leaseDuration);
    }

    /** Three renewals per lease: one that is late (a pause, a slow database) loses nothing. */
    public Duration renewalPeriod() {
        return leaseDuration.dividedBy(3);
    }
}
