/**
 * What every WebSocket endpoint shares: the serialised outbound path of a session, close reasons that fit the wire,
 * and the client's address, which the WebSocket API does not expose.
 */
package io.wsingest.websocket;
