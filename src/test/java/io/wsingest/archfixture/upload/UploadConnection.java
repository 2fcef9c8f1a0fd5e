package io.wsingest.archfixture.upload;

import jakarta.websocket.Session;

/** An adapter: it holds the connection's session, as it may. */
public class UploadConnection {

    public boolean open(Session session) {
        return session.isOpen();
    }
}
