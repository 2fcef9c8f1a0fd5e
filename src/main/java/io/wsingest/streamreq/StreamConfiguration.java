package io.wsingest.streamreq;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/** Protocol C's settings, read and checked once. */
@ApplicationScoped
public class StreamConfiguration {

    @Produces
    @Singleton
    StreamSettings streamSettings(ConfigReader config) {
        return StreamSettings.from(config);
    }
}
