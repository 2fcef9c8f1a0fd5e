/**
 * What every WebSocket endpoint shares: the serialised outbound path of a session, the close model (a close code and
 * reason, the contract of every protocol's error catalogue, one way to close a session), the client's address, which
 * the WebSocket API does not expose, and the bounds on connections (per user or address, token expiry, idle timeout).
 */
package io.wsingest.websocket;
