package io.wsingest.storage;

import jakarta.enterprise.context.ApplicationScoped;

import io.wsingest.concurrency.StripedLocks;

/**
 * Serialises, per blob, "put the bytes in place and count the reference" against "forget an unreferenced blob and
 * delete its bytes", so a new upload of the same content can never lose its bytes to the collector. One instance
 * for the application, shared by {@link FileCatalog} and {@link BlobCollector}.
 */
@ApplicationScoped
public class BlobLocks {

    private final StripedLocks locks = new StripedLocks(64);

    public Object forBlob(String sha256) {
        return locks.forKey(sha256);
    }
}
