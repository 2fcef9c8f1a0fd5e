package io.wsingest.galileo;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/** Provides the GalileoSend settings, read and checked once when the application starts. */
@ApplicationScoped
public class GalileoConfiguration {

    private static final Logger LOG = Logger.getLogger(GalileoConfiguration.class.getName());

    @Produces
    @Singleton
    GalileoSettings galileoSettings(ConfigReader r) {
        GalileoSettings settings = GalileoSettings.from(r);
        LOG.fine(() -> "GalileoSend uploads use " + settings);
        return settings;
    }
}
