package io.wsingest.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/** The metrics settings. */
@ApplicationScoped
public class MetricsConfiguration {

    @Produces
    @Singleton
    MetricsSettings metricsSettings(ConfigReader config) {
        return MetricsSettings.from(config);
    }
}
