/**
 * Protocol E, the live streaming relay at {@code /{channel}/{key}/{kind}}: one publisher per channel, many
 * receivers fed from a byte-bounded GOP cache and then live, probes, stream keys (open, static, callback), limits.
 * The channel state machine, cache, key modes and address ranges are plain Java; {@link LiveEndpoint},
 * {@link LiveHub} and {@link LiveResource} wire them into the server.
 */
package io.wsingest.live;
