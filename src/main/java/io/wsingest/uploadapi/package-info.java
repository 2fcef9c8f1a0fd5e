/**
 * Protocol D, the Upload API at {@code /ws/core/upload/} and {@code /ws/core/upload/{id}/}: per-user upload records,
 * commands over JSON text messages, live {@code Upload.*} events, and OCR with streamed text, each job held by a
 * lease in the database and taken over by another node when its node dies. The reader, codec, command decoder,
 * sniffer, import guard and lease rules are plain Java; the endpoint, service and records wire them to the container.
 */
package io.wsingest.uploadapi;
