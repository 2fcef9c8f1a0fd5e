/** What every WebSocket endpoint shares: the serialised outbound path of a session, and close reasons that fit the wire. */
package io.wsingest.websocket;
