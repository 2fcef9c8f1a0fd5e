/**
 * Protocol D, the Upload API at {@code /ws/core/upload/} and {@code /ws/core/upload/{id}/}: per-user upload records,
 * commands over JSON text messages, live {@code Upload.*} events, and OCR with streamed text. The reader, codec,
 * command decoder, sniffer and import guard are plain Java; the endpoint, service and records wire them to the
 * container.
 */
package io.wsingest.uploadapi;
