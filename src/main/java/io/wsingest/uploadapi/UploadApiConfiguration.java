package io.wsingest.uploadapi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/** The Upload API's settings. */
@ApplicationScoped
public class UploadApiConfiguration {

    @Produces
    @Singleton
    UploadApiSettings uploadApiSettings(ConfigReader config) {
        return UploadApiSettings.from(config);
    }
}
