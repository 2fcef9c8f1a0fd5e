package io.wsingest.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/** Protocol E's settings, and those of live streaming across nodes, read and checked when the application starts. */
@ApplicationScoped
public class LiveConfiguration {

    @Produces
    @Singleton
    LiveSettings liveSettings(ConfigReader config) {
        return LiveSettings.from(config);
    }

    @Produces
    @Singleton
    EdgeSettings edgeSettings(ConfigReader config) {
        return EdgeSettings.from(config);
    }
}
