/**
 * The port between a protocol that relays a stream and the live receivers that watch it: {@link StreamRelay},
 * implemented by the live streaming relay, so that no protocol package imports another.
 */
package io.wsingest.relay;
