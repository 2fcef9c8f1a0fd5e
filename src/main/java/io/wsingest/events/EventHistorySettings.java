package io.wsingest.events;

import java.time.Duration;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.Settings;

/**
 * The event history of protocol D ({@code wsingest.events.history.*}).
 *
 * @param enabled       whether events are numbered and kept; off, events carry no {@code seq} and nothing is recovered
 * @param maxEvents     per user, events older than the latest this many are pruned
 * @param maxAge        events older than this are pruned
 * @param pruneInterval how often each node prunes
 */
public record EventHistorySettings(boolean enabled, int maxEvents, Duration maxAge, Duration pruneInterval)
        implements Settings {

    static final String ENABLED = "wsingest.events.history.enabled";
    static final String MAX_EVENTS = "wsingest.events.history.max-events";
    static final String MAX_AGE_SECONDS = "wsingest.events.history.max-age-seconds";
    static final String PRUNE_INTERVAL_SECONDS = "wsingest.events.history.prune-interval-seconds";

    public static EventHistorySettings from(ConfigReader r) {
        return new EventHistorySettings(
                r.bool(ENABLED, true),
                r.intInRange(MAX_EVENTS, 1000, 1, 1_000_000),
                r.seconds(MAX_AGE_SECONDS, 24 * 3600, 1, 30L * 24 * 3600),
                r.seconds(PRUNE_INTERVAL_SECONDS, 60, 1, 3600));
    }
}
