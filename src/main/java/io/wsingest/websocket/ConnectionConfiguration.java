package io.wsingest.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/** The connection limits' settings, read and checked once. */
@ApplicationScoped
public class ConnectionConfiguration {

    @Produces
    @Singleton
    ConnectionSettings connectionSettings(ConfigReader config) {
        return ConnectionSettings.from(config);
    }
}
