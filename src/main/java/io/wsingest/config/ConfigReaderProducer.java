package io.wsingest.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

/** Reads settings from MicroProfile Config: system properties, {@code WSINGEST_*} environment variables, and so on. */
@ApplicationScoped
public class ConfigReaderProducer {

    @Inject
    Config config;

    @Produces
    ConfigReader configReader() {
        return new ConfigReader(key -> config.getOptionalValue(key, String.class));
    }
}
