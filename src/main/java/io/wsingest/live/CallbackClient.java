package io.wsingest.live;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Posts a JSON document to the coordinator and returns its answer; the HTTP client is behind this for tests. */
public interface CallbackClient {

    /** The coordinator's answer. */
    record Response(int status, String body) {
    }

    Response post(URI url, String json, Duration timeout) throws IOException, InterruptedException;
}
