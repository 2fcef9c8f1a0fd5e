package io.wsingest.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/** The event history's settings. */
@ApplicationScoped
public class EventsConfiguration {

    @Produces
    @Singleton
    EventHistorySettings eventHistorySettings(ConfigReader config) {
        return EventHistorySettings.from(config);
    }
}
