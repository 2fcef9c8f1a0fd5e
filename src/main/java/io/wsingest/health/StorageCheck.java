package io.wsingest.health;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.Readiness;

import io.wsingest.storage.BlobStore;
import io.wsingest.storage.StorageSettings;

/** The blob store's directory takes a write, and its disk has more free than the reserve. */
@Readiness
@ApplicationScoped
public class StorageCheck extends ComponentCheck {

    @Inject
    BlobStore blobs;

    @Inject
    StorageSettings storage;

    @Override
    public String name() {
        return "storage";
    }

    @Override
    protected ProbeResult probe() throws IOException {
        blobs.checkWritable();
        long free = blobs.usableSpace();
        return free >= storage.minFreeBytes() ? ProbeResult.UP
                : ProbeResult.down(free + " bytes free, below the minimum of " + storage.minFreeBytes());
    }
}
