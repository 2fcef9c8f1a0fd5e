package io.wsingest.archfixture.upload;

import jakarta.websocket.Session;

/** A codec that needs the container. */
public class FrameCodec {

    public boolean decode(Session session) {
        return session.isOpen();
    }
}
