package io.wsingest.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

/**
 * Reads settings from MicroProfile Config: system properties, {@code WSINGEST_*} environment variables, and so on.
 * Every value read is noted in the application's {@link EffectiveSettings}.
 */
@ApplicationScoped
public class ConfigReaderProducer {

    @Inject
    Config config;

    @Produces
    @Singleton
    EffectiveSettings effectiveSettings() {
        return new EffectiveSettings();
    }

    @Produces
    ConfigReader configReader(EffectiveSettings effective) {
        return new ConfigReader(key -> config.getOptionalValue(key, String.class), effective::record);
    }
}
