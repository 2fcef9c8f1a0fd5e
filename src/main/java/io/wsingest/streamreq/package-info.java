/**
 * Protocol C, Stream Requests ({@code /ws/stream}): JSON packets routed by their {@code route} header, with large
 * bodies streamed as binary messages (or small ones inline in the payload), checked against their
 * {@code data-format}, and resumable by stream key.
 * The codec, header parsing, negotiation, stream state machine and format checks are plain Java; the endpoint is thin.
 */
package io.wsingest.streamreq;
