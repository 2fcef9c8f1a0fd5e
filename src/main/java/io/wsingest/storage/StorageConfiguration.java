package io.wsingest.storage;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/**
 * The storage settings, the one blob store of the application (a store owns its directory: one per root) and the
 * users' quota over every protocol.
 */
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

    @Produces
    @Singleton
    UserQuota userQuota(StorageSettings settings, FileCatalog files, @Any Instance<OpenUploads> openUploads) {
        // The protocols' open uploads are looked up when asked: their services use the quota themselves.
        return new UserQuota(settings.userQuotaBytes(), user -> files.totalSize(user)
                + openUploads.stream().mapToLong(open -> open.reservedBy(user)).sum());
    }
}
