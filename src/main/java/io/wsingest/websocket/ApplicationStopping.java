package io.wsingest.websocket;

/**
 * The CDI event of the application's stop (undeploy, redeploy, server shutdown or suspend), fired by
 * {@link ApplicationStop} before the container closes any WebSocket session: on it, every protocol closes its own
 * connections with its documented shutdown close.
 */
public record ApplicationStopping() {
}
