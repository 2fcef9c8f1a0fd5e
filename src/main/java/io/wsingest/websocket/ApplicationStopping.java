package io.wsingest.websocket;

/**
 * The CDI event of the application's stop (undeploy, redeploy, server shutdown), fired before the container closes
 * any WebSocket session ({@link StopBeforeTheContainer}): on it, every protocol closes its own connections with its
 * documented shutdown close.
 */
public record ApplicationStopping() {
}
