package io.wsingest.archfixture.upload;

import io.wsingest.archfixture.live.Hub;

/** Protocol A reaching into protocol E. */
public class Relaying {

    public void relay(Hub hub) {
        hub.publish();
    }
}
