package io.wsingest.storage;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;
import io.wsingest.metrics.Meter;
import io.wsingest.metrics.Metrics;

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
    BlobStore blobStore(StorageSettings settings, Metrics metrics) {
        BlobStore store;
        try {
            store = new FileSystemBlobStore(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the blob store at " + settings.dir(), e);
        }
        metrics.gauge(Meter.DISK_FREE_BYTES, () -> {
            try {
                return store.usableSpace();
            } catch (IOException e) {
                return Double.NaN; // Prometheus' "no value"
            }
        });
        metrics.gauge(Meter.DISK_RESERVE_BYTES, settings::minFreeBytes);
        return store;
    }

    /** Makes the store when the application starts, so that the disk figures are there from the first scrape on. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object event, BlobStore store) {
        // Making the store registered its meters.
    }
}
