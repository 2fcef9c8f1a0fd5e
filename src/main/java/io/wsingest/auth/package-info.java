/** Authentication: bearer tokens (JWTs) found in WebSocket handshakes, verified, and turned into an identity. */
package io.wsingest.auth;
