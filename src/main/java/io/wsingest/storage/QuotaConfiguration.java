package io.wsingest.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The users' quota over every protocol: stored files from the catalogue, open uploads from each protocol. */
@ApplicationScoped
public class QuotaConfiguration {

    @Produces
    @Singleton
    UserQuota userQuota(StorageSettings settings, FileCatalog files, @Any Instance<OpenUploads> openUploads) {
        // The protocols' open uploads are looked up when asked: their services use the quota themselves.
        return new UserQuota(settings.userQuotaBytes(),
                user -> openUploads.stream().mapToLong(open -> open.reservedBy(user)).sum(), files::totalSize);
    }
}
