package io.wsingest.upload;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/** Provides the protocol A settings. */
@ApplicationScoped
public class UploadConfiguration {

    private static final Logger LOG = Logger.getLogger(UploadConfiguration.class.getName());

    @Produces
    @Singleton
    UploadSettings uploadSettings(ConfigReader r) {
        UploadSettings settings = UploadSettings.from(r);
        LOG.info(() -> "Resumable uploads: " + settings);
        return settings;
    }
}
