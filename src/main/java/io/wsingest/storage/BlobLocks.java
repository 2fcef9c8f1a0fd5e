package io.wsingest.storage;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Serialises, per blob, "put the bytes in place and count the reference" against "forget an unreferenced blob and
 * delete its bytes", so a new upload of the same content can never lose its bytes to the collector. Striped: a
 * fixed set of monitors, chosen by the blob's hash.
 */
@ApplicationScoped
public class BlobLocks {

    private static final int STRIPES = 64;

    private final Object[] stripes = new Object[STRIPES];

    public BlobLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    public Object forBlob(String sha256) {
        return stripes[Math.floorMod(sha256.hashCode(), STRIPES)];
    }
}
