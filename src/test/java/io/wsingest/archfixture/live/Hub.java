package io.wsingest.archfixture.live;

import io.wsingest.archfixture.storage.Store;

/** Protocol E, using a shared package as it may. */
public class Hub {

    private final Store store = new Store();

    public void publish() {
        store.keep();
    }
}
