package io.wsingest.live;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import io.wsingest.websocket.ClientAddress;

/**
 * The live endpoint's handshake: no token (the stream key in the path is the credential, and existing players send
 * none), only the client's address for limits, the whitelist and the log.
 */
public class LiveHandshake extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(sec, request, response);
        ClientAddress.remember(sec);
    }
}
