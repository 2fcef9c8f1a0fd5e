/**
 * What every WebSocket endpoint shares: the serialised outbound path of a session, close reasons that fit the wire,
 * the client's address, which the WebSocket API does not expose, and the bounds on connections (per user or address,
 * token expiry, idle timeout).
 */
package io.wsingest.websocket;
