package io.wsingest.storage;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/** The storage settings and the one blob store of the application (a store owns its directory: one per root). */
@ApplicationScoped
public class StorageConfiguration {

    @Produces
    @Singleton
    StorageSettings storageSettings(ConfigReader config) {
        return StorageSettings.from(config);
    }

    @Produces
    @Singleton
    BlobStore blobStore(StorageSettings settings) {
        try {
            return new FileSystemBlobStore(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the blob store at " + settings.dir(), e);
        }
    }
}
