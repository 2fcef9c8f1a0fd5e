package io.wsingest.archfixture.storage;

import io.wsingest.archfixture.upload.Relaying;

/** A shared package reaching into protocol A, which closes the cycle upload → live → storage → upload. */
public class Store {

    public void keep() {
        new Relaying();
    }
}
